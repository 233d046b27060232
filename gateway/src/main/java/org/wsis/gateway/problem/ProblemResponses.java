package org.wsis.gateway.problem;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes problems as the whole response of a routing context. */
public final class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    private ProblemResponses() {
    }

    public static void send(RoutingContext rc, Problem problem) {
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            // Too late for a problem body: the upstream's status line is already out.
            response.reset();
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(problem.toBuffer());
    }

    /** Failure handler for the gateway's routes: log the cause, answer without it. */
    public static void unexpectedFailure(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (failure != null) {
            LOG.errorf(failure, "Unexpected failure handling %s %s", rc.request().method(), rc.request().path());
        }
        int status = rc.statusCode();
        if (status == 404) {
            send(rc, Problem.routeNotFound(rc.request().path()));
        } else {
            send(rc, Problem.internalError(rc.request().path()));
        }
    }
}
