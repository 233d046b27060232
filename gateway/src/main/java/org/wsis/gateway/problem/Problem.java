package org.wsis.gateway.problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem detail as the gateway writes it. The {@code type} URIs are URNs: they name the
 * kind of problem without pretending to be a page one can open.
 *
 * @param instance the request path the problem is about
 */
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final String TYPE_PREFIX = "urn:wsis:problem:";

    public static Problem routeNotFound(String path) {
        return new Problem(TYPE_PREFIX + "route-not-found", "Not found", 404,
                "No service is published at this path. The gateway routes /api/stocktaking/**, "
                        + "/api/prizes/**, /api/forum/** and /api/indicators/**.",
                path);
    }

    public static Problem serviceUnavailable(String service, String reason, String path) {
        return new Problem(TYPE_PREFIX + "service-unavailable", "Service unavailable", 503,
                "The " + service + " service is unavailable: " + reason + ". Try again later.", path);
    }

    public static Problem gatewayTimeout(String service, String timeout, String path) {
        return new Problem(TYPE_PREFIX + "upstream-timeout", "Gateway timeout", 504,
                "The " + service + " service did not answer within " + timeout + ".", path);
    }

    public static Problem badGateway(String service, String path) {
        return new Problem(TYPE_PREFIX + "bad-gateway", "Bad gateway", 502,
                "The " + service + " service failed to give a valid answer.", path);
    }

    public static Problem invalidToken(String path) {
        return new Problem(TYPE_PREFIX + "invalid-token", "Unauthorized", 401,
                "The bearer token is invalid or expired. Sign in again, or send no token for public endpoints.",
                path);
    }

    /** A well-formed token from another issuer (e.g. Keycloak reached under another host name). */
    public static Problem untrustedIssuer(String actual, String expected, String path) {
        String shown = actual.length() <= 200 ? actual : actual.substring(0, 200) + "...";
        return new Problem(TYPE_PREFIX + "untrusted-issuer", "Unauthorized", 401,
                "The token was issued by " + shown + " but this platform accepts tokens issued by " + expected
                        + " only: fetch the token from that realm",
                path);
    }

    public static Problem identityProviderUnavailable(String path) {
        return new Problem(TYPE_PREFIX + "identity-provider-unavailable", "Service unavailable", 503,
                "The bearer token cannot be verified now: the identity provider is unreachable. Try again later.",
                path);
    }

    public static Problem tooManyRequests(String route, long retryAfterSeconds, String path) {
        return new Problem(TYPE_PREFIX + "too-many-requests", "Too many requests", 429,
                "The rate limit of route '" + route + "' is exhausted. Retry after " + retryAfterSeconds + " s.",
                path);
    }

    public static Problem payloadTooLarge(long maxBytes, String path) {
        return new Problem(TYPE_PREFIX + "payload-too-large", "Payload too large", 413,
                "The request body exceeds the limit of " + maxBytes + " bytes for this route.", path);
    }

    /** The client did not send its request body in time: its own slowness, never the service's failure. */
    public static Problem requestTimeout(String timeout, String path) {
        return new Problem(TYPE_PREFIX + "request-timeout", "Request timeout", 408,
                "The request body did not arrive within " + timeout + "; send it again.", path);
    }

    /** A path whose meaning depends on who reads it (encoded slashes, dot segments, NUL): refused rather than guessed. */
    public static Problem ambiguousPath(String path) {
        return new Problem(TYPE_PREFIX + "ambiguous-path", "Ambiguous path", 400,
                "The request path contains encoded separators, dot segments or control characters; send the plain path.",
                null);
    }

    public static Problem uriTooLong(int maxChars) {
        return new Problem(TYPE_PREFIX + "uri-too-long", "URI too long", 414,
                "The request URI exceeds " + maxChars + " characters; send large queries as fewer or shorter parameters.", null);
    }

    public static Problem circuitOpen(String service, String lastFailure, String path) {
        return new Problem(TYPE_PREFIX + "service-unavailable", "Service unavailable", 503,
                "The " + service + " service is unavailable: " + lastFailure
                        + ", several times in a row just now. Try again later.",
                path);
    }

    public static Problem internalError(String path) {
        return new Problem(TYPE_PREFIX + "internal-error", "Internal server error", 500,
                "The gateway failed to handle the request.", path);
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("type", type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
    }

    public Buffer toBuffer() {
        return toJson().toBuffer();
    }
}
