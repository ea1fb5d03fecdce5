package dev.brokersandbox.internal;

import java.net.BindException;

/** Turns a broker's start-up exception chain into one line a user can act on. */
public final class StartFailures {

    private StartFailures() {
    }

    /**
     * @param host the address the broker was asked to listen on
     * @param port the port the broker was asked to listen on (0 for a free one)
     * @param option the builder option or flag that sets it
     */
    public static String describe(Throwable failure, String host, int port, String option) {
        Throwable root = failure;
        boolean bind = failure instanceof BindException;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            bind |= root instanceof BindException;
        }
        if (bind && port > 0) {
            return host + ":" + port + " is already in use; set another port with " + option
                    + "(..), or 0 for a free one (" + root + ")";
        }
        String top = String.valueOf(failure.getMessage());
        return root == failure || top.contains(String.valueOf(root.getMessage()))
                ? top : top + " (root cause: " + root + ")";
    }
}
