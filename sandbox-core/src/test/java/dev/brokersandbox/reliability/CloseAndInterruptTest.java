package dev.brokersandbox.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.Connection;
import dev.brokersandbox.Leftovers;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.SandboxException;
import org.junit.jupiter.api.Test;

/**
 * What threads do to a sandbox at the wrong moment: close it from many threads at once and over
 * and over, or interrupt the thread that starts it. Each ends within a bound, says what happened
 * and leaves nothing running. Tagged {@code reliability}: it runs in that group's JVM, so that the
 * threads it counts are its own.
 */
@Reliability
class CloseAndInterruptTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int CLOSERS = 8;

    @Test
    void closingFromEightThreadsAtOnceAndAgainStopsEverythingOnceWithoutAnError() throws Exception {
        Leftovers before = Leftovers.now();
        Sandbox sandbox = Sandbox.builder().start();
        ExecutorService closers = Executors.newFixedThreadPool(CLOSERS);
        try {
            CountDownLatch ready = new CountDownLatch(CLOSERS);
            List<Future<?>> closes = new ArrayList<>();
            for (int i = 0; i < CLOSERS; i++) {
                int closer = i;
                closes.add(closers.submit(() -> {
                    ready.countDown();
                    ready.await();
                    // Some close the sandbox, some its brokers: all the ways a test suite's clean-up may overlap.
                    switch (closer % 3) {
                        case 0 -> sandbox.close();
                        case 1 -> sandbox.kafka().close();
                        default -> sandbox.amqp().close();
                    }
                    sandbox.close();
                    return null;
                }));
            }
            for (Future<?> close : closes) {
                close.get(BOUND.toSeconds(), TimeUnit.SECONDS); // an exception from a close fails here
            }
        } finally {
            closers.shutdownNow();
        }
        sandbox.close();

        before.assertNothingNewRemains();
        try (Sandbox next = Sandbox.builder().amqp().start();
             Connection connection = next.amqp().connectionFactory().newConnection()) {
            assertThat(connection.isOpen()).as("a new sandbox serves").isTrue();
        }
    }

    @Test
    void aThreadInterruptedAsItStartsASandboxGetsAClearErrorKeepsItsInterruptAndLeavesNothingRunning()
            throws Exception {
        Leftovers before = Leftovers.now();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread starter = new Thread(() -> {
            Thread.currentThread().interrupt(); // as a test framework's timeout interrupts a test
            try (Sandbox unexpected = Sandbox.builder().start()) {
                thrown.set(new AssertionError("the sandbox started although its thread was interrupted"));
            } catch (Throwable t) {
                thrown.set(t);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        }, "interrupted-starter");
        starter.start();
        starter.join(BOUND.toMillis());

        assertThat(starter.isAlive()).as("the interrupted start is still running after %s s", BOUND.toSeconds())
                .isFalse();
        assertThat(thrown.get()).isInstanceOf(SandboxException.class).hasMessage("interrupted while waiting for "
                + "Kafka to start; the brokers that had started are stopped again");
        assertThat(stillInterrupted.get()).as("the thread's interrupt status, kept for its caller").isTrue();
        before.assertNothingNewRemains();
    }
}
