package dev.brokersandbox;

/**
 * What a test cannot do to brokers the sandbox did not start ({@link Sandbox.Builder#external}):
 * restart them, stop one of a cluster's brokers, keep their data in a directory, raise an alarm.
 * The JUnit extension turns it into a skipped test (an assumption) naming the reason.
 */
public final class NotOnExternalBrokersException extends UnsupportedOperationException {

    private static final long serialVersionUID = 1L;

    public NotOnExternalBrokersException(String operation, String brokers) {
        super(operation + " needs brokers the sandbox started, but it runs on " + brokers
                + ": a test that does this runs only with the brokers in the test JVM (drop the brokersandbox.external.* "
                + "settings to run it)");
    }
}
