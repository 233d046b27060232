package org.wsis.localstack;

/** A component could not be started or found; the message says what to do about it. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
