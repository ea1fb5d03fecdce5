package dev.brokersandbox.runtime;

/**
 * Qpid's housekeeping pools (a broker's and each virtual host's) halt the JVM when one of their
 * tasks throws and the JVM has no default uncaught-exception handler ({@code HousekeepingExecutor}
 * in broker-core: {@code Runtime.getRuntime().halt(1)}). A test JVM has none, so a task failing
 * while a broker closes (Qpid's own, or the adapter's expiry checks scheduled on the virtual host)
 * would end the whole test run with exit code 1 and no word. Before a broker starts, a handler is
 * installed if none is: it prints what the JVM's own default prints, so an application's threads
 * report an uncaught exception exactly as before, and Qpid reports its task instead of halting.
 */
final class QpidHousekeeping {

    private QpidHousekeeping() {
    }

    static synchronized void neverHaltTheJvm() {
        if (Thread.getDefaultUncaughtExceptionHandler() == null) {
            Thread.setDefaultUncaughtExceptionHandler(QpidHousekeeping::asTheJvmDoes);
        }
    }

    /** What {@code ThreadGroup.uncaughtException} does when there is no handler. */
    private static void asTheJvmDoes(Thread thread, Throwable error) {
        if (error instanceof ThreadDeath) {
            return;
        }
        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
        error.printStackTrace(System.err);
    }
}
