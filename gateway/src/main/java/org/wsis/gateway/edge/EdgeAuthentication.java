package org.wsis.gateway.edge;

import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.wsis.gateway.problem.Problem;
import org.wsis.gateway.problem.ProblemResponses;
import org.wsis.gateway.requestid.RequestIds;

import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Token validation at the edge. quarkus-oidc (proactive authentication, the default) verifies every
 * bearer token before any route runs: signature against the realm's keys (or
 * {@code quarkus.oidc.public-key}), expiry and audience. A request without a token passes as
 * anonymous, because public endpoints exist and the services answer 401 where they need a user; a
 * token that fails verification is answered here with a 401 problem and never reaches a service.
 * Roles and ownership stay the services' business.
 */
@ApplicationScoped
public class EdgeAuthentication {

    /** The issuer quarkus-oidc checks, to explain a refusal; empty when it checks none (a fixed key). */
    private final Optional<String> expectedIssuer;

    EdgeAuthentication(@ConfigProperty(name = "quarkus.oidc.token.issuer") Optional<String> issuer,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> realm,
            @ConfigProperty(name = "quarkus.oidc.public-key") Optional<String> publicKey) {
        this.expectedIssuer = issuer.filter(value -> !value.equals("any"))
                .or(() -> publicKey.isPresent() ? Optional.empty() : realm)
                .map(value -> value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }

    /** Who is calling, for rate limiting: the user (or remote address) and the OAuth client. */
    public record Caller(String user, String client) {
    }

    void register(@Observes Router router) {
        // Before the other failure handlers: turns the authentication failure into a problem.
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(this::onFailure);
    }

    private void onFailure(RoutingContext rc) {
        if (rc.failure() instanceof AuthenticationFailedException) {
            // Authentication runs before the request-id route: assign the id here.
            RequestIds.of(rc);
            rc.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            String issuer = issuerOf(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
            if (expectedIssuer.isPresent() && issuer != null && !issuer.equals(expectedIssuer.get())) {
                ProblemResponses.send(rc, Problem.untrustedIssuer(issuer, expectedIssuer.get(), rc.request().path()));
                return;
            }
            ProblemResponses.send(rc, Problem.invalidToken(rc.request().path()));
        } else if (rc.failure() instanceof OIDCException) {
            // The realm could not be reached to verify the token (discovery or keys): not the
            // caller's fault, and retrying later may work.
            RequestIds.of(rc);
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
            ProblemResponses.send(rc, Problem.identityProviderUnavailable(rc.request().path()));
        } else {
            rc.next();
        }
    }

    /** The {@code iss} of a bearer token, only decoded (it was refused already); null when unreadable. */
    static String issuerOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3 || parts[1].length() > 16_384) {
            return null;
        }
        try {
            Object iss = new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(parts[1]))).getValue("iss");
            return iss instanceof String value ? value : null;
        } catch (RuntimeException e) { // not base64url, not a JSON object
            return null;
        }
    }

    /** The verified caller, or the remote address for anonymous requests. */
    public static Caller caller(RoutingContext rc) {
        if (rc.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt) {
                String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
                Object azp = jwt.getClaim("azp");
                return new Caller("sub:" + subject, azp == null ? null : azp.toString());
            }
        }
        var remote = rc.request().remoteAddress();
        return new Caller("ip:" + (remote == null ? "unknown" : remote.hostAddress()), null);
    }
}
