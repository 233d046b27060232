package org.wsis.gateway.requestid;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an {@code X-Request-Id}: the client's own if it is a plain token
 * ({@code [A-Za-z0-9._-]{1,128}}), a fresh UUID otherwise. The id is put on the response at once,
 * so every answer carries it (proxied, problem or Quarkus' own), and kept in the routing context for
 * the proxy to send upstream.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";

    /** Early, but after Quarkus' own start-of-request handlers. */
    static final int ROUTE_ORDER = -100;

    private static final String CONTEXT_KEY = "wsis.request-id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    void register(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(RequestIds::assign);
    }

    static void assign(RoutingContext rc) {
        String id = accept(rc.request().getHeader(HEADER));
        rc.put(CONTEXT_KEY, id);
        rc.response().putHeader(HEADER, id);
        rc.next();
    }

    /** The client's id when it is acceptable, else a new random one. */
    public static String accept(String candidate) {
        if (candidate != null && VALID.matcher(candidate).matches()) {
            return candidate;
        }
        return randomUuid();
    }

    /**
     * A version-4 UUID from ThreadLocalRandom. A request id correlates logs and is no secret, so it
     * need not come from UUID.randomUUID()'s shared SecureRandom, which showed in the gateway's profile.
     */
    static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;                      // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }

    /** The id assigned to this request (assigning one now if the route ran before ours). */
    public static String of(RoutingContext rc) {
        String id = rc.get(CONTEXT_KEY);
        if (id == null) {
            id = accept(rc.request().getHeader(HEADER));
            rc.put(CONTEXT_KEY, id);
            rc.response().putHeader(HEADER, id);
        }
        return id;
    }
}
