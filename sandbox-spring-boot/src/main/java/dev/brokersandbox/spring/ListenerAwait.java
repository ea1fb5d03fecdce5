package dev.brokersandbox.spring;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for what a {@code @KafkaListener} or {@code @RabbitListener} did, read as an assertion
 * and bounded, without a polling library:
 *
 * <pre>{@code
 * template.send("orders", "o-1", "placed");
 * Order order = ListenerAwait.until("order o-1 to be stored", Duration.ofSeconds(10),
 *         () -> repository.find("o-1"), Optional::isPresent).orElseThrow();
 * }</pre>
 *
 * For records or messages a test reads itself, use {@code KafkaAwait} and {@code AmqpAwait}.
 */
public final class ListenerAwait {

    /** Often enough that a test waits little beyond the event, rarely enough to cost nothing. */
    private static final long POLL_MILLIS = 20;

    private ListenerAwait() {
    }

    /**
     * Asks {@code value} until {@code done} accepts its answer, and returns that answer.
     *
     * @param what what is waited for, as the failure should say it ("order o-1 to be stored")
     * @throws AssertionError when {@code timeout} passes first, naming {@code what} and the last answer
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> value, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T current = value.get();
            if (done.test(current)) {
                return current;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Waited " + timeout.toMillis() + " ms for " + what + "; the last answer was "
                        + current);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }

    /** Waits until {@code condition} holds; see {@link #until(String, Duration, Supplier, Predicate)}. */
    public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        until(what, timeout, condition, Boolean.TRUE::equals);
    }
}
