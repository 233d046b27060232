package org.wsis.gateway.routing;

/**
 * No connection to the upstream could be had: refused, timed out while connecting, or the host is
 * unknown. The gateway answers 503 for these. Carries no stack trace of its own (it only wraps).
 */
final class UpstreamUnreachableException extends RuntimeException {

    private final String reason;

    UpstreamUnreachableException(String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.reason = reason;
    }

    /** Human-readable, e.g. "it refused the connection". */
    String reason() {
        return reason;
    }
}
