package dev.brokersandbox.internal.engine;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bridge lets sandbox-core call the runtime's objects through its own interfaces. */
class BridgeTest {

    private static final ClassLoader RUNTIME = new URLClassLoader("test-runtime", new URL[0], null);

    /** Stands for an interface of sandbox-core. */
    interface Greeter {
        String greet(String name);

        String contextLoader();

        Closer closer();

        void fail();
    }

    /** A result type that is bridged in turn. */
    interface Closer extends AutoCloseable {
        @Override
        void close();
    }

    /** Stands for a runtime class: the same methods, no interface in common. */
    public static final class RuntimeGreeter {
        public String greet(String name) {
            return "hello " + name;
        }

        public String contextLoader() {
            return Thread.currentThread().getContextClassLoader().getName();
        }

        public RuntimeCloser closer() {
            return new RuntimeCloser();
        }

        public void fail() {
            throw new IllegalStateException("the runtime's own message");
        }
    }

    public static final class RuntimeCloser {
        public void close() {
        }
    }

    @Test
    void callsReachTheRuntimeObjectByNameAndParameterTypes() {
        Greeter greeter = Bridge.to(Greeter.class, new RuntimeGreeter(), RUNTIME);

        assertThat(greeter.greet("sandbox")).isEqualTo("hello sandbox");
    }

    @Test
    void callsRunWithTheRuntimesClassLoaderAsContextLoaderAndRestoreTheCallers() {
        Greeter greeter = Bridge.to(Greeter.class, new RuntimeGreeter(), RUNTIME);
        ClassLoader callers = Thread.currentThread().getContextClassLoader();

        assertThat(greeter.contextLoader()).isEqualTo("test-runtime");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(callers);
    }

    @Test
    void resultsOfAnInterfaceOfThisSideAreBridgedToo() {
        Greeter greeter = Bridge.to(Greeter.class, new RuntimeGreeter(), RUNTIME);

        Closer closer = greeter.closer();

        assertThat(closer).isInstanceOf(Closer.class);
        closer.close();
    }

    @Test
    void theRuntimesExceptionReachesTheCallerUnwrapped() {
        Greeter greeter = Bridge.to(Greeter.class, new RuntimeGreeter(), RUNTIME);

        assertThatThrownBy(greeter::fail).isInstanceOf(IllegalStateException.class)
                .hasMessage("the runtime's own message");
    }

    @Test
    void aMissingCounterpartFailsWhenTheBridgeIsBuiltNamingTheMethodAndTheFix() {
        assertThatThrownBy(() -> Bridge.to(Greeter.class, new Object(), RUNTIME))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.lang.Object has no method ")
                .hasMessageContaining("as " + Greeter.class.getName() + " expects")
                .hasMessageContaining("Use the same version of both");
    }

    @Test
    void afterCloseRunsEachTimeTheEngineHasClosed() {
        AtomicInteger engineClosed = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        Closer closer = Bridge.afterClose(Closer.class, engineClosed::incrementAndGet,
                () -> after.set(engineClosed.get()));

        closer.close();

        assertThat(after).hasValue(1);
    }

    @Test
    void theRealRuntimeAnswersEveryMethodOfItsInterface() {
        assertThat(EmbeddedEngine.get().versions())
                .containsEntry("kafka", "4.4.0")
                .containsEntry("qpid", "10.0.1");
    }
}
