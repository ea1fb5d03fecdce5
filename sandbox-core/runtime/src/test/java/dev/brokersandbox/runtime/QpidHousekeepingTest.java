package dev.brokersandbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.security.auth.Subject;

import org.apache.qpid.server.util.HousekeepingExecutor;
import org.junit.jupiter.api.Test;

/** A Qpid housekeeping task that throws is reported; it does not halt the JVM (which would end this test run). */
class QpidHousekeepingTest {

    @Test
    void aHousekeepingTaskThatThrowsLeavesTheJvmRunning() throws Exception {
        QpidHousekeeping.neverHaltTheJvm();
        HousekeepingExecutor pool = new HousekeepingExecutor("housekeeping-test", 1, new Subject());
        try {
            Future<?> task = pool.submit(() -> {
                throw new IllegalStateException("a task that fails as its virtual host closes");
            });

            Throwable failure = catchThrowable(() -> task.get(10, TimeUnit.SECONDS));
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("the pool ran its task to the end").isTrue();
            assertThat(failure).isInstanceOf(ExecutionException.class).hasRootCauseMessage(
                    "a task that fails as its virtual host closes");
        } finally {
            pool.shutdownNow();
        }
    }
}
