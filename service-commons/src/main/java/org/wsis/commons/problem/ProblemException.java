package org.wsis.commons.problem;

import java.util.List;
import java.util.Map;

/**
 * Thrown by services for any expected failure; {@link ProblemExceptionMappers} turns it into a
 * problem+json response. The factory methods name the cases our APIs use.
 */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail());
        this.problem = problem;
        this.headers = headers;
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "bad-request", "Bad request", detail));
    }

    /**
     * 400: the request does not match the published contract: a required parameter missing, a value of the wrong
     * type or format, outside its documented range or not one of its documented values. Names the field.
     */
    public static ProblemException malformed(String field, String message) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request", field + ": " + message)
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }

    /**
     * 422: matches the contract, but breaks a rule the contract cannot express (two fields that contradict each
     * other, a code that is not in the reference data, a state that does not allow it); names the field(s).
     */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(422, "validation", "Invalid request", field + ": " + message)
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what + " " + id + " does not exist"));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(Problem.of(412, "precondition-failed", "Precondition failed", detail));
    }

    public static ProblemException preconditionRequired(String detail) {
        return new ProblemException(Problem.of(428, "precondition-required", "Precondition required", detail));
    }

    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(Problem.of(429, "rate-limited", "Too many requests", detail),
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** 503 with Retry-After: the request was fine, the service cannot take it right now. */
    public static ProblemException unavailable(String detail, long retryAfterSeconds) {
        return new ProblemException(Problem.of(503, "service-unavailable", "Service unavailable", detail),
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }
}
