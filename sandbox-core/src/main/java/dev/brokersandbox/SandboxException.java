package dev.brokersandbox;

/**
 * A broker of the sandbox could not do what was asked: start, create a virtual host, create a
 * topic. The message names the broker, what failed and, where there is one, the fix.
 */
public class SandboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
