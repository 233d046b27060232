package org.wsis.commons.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/** Who is calling: the token's subject, roles and agency claim. Ownership checks start here. */
@RequestScoped
public class CurrentUser {
    public static final String AGENCY_CLAIM = "agency";

    @Inject
    SecurityIdentity identity;

    /** The token's subject (quarkus.oidc.token.principal-claim=sub); 401 when anonymous. */
    public String subject() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        return identity.getPrincipal().getName();
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The partner agency (UNGIS member) the token speaks for, e.g. "ITU", from the 'agency' claim. */
    public Optional<String> agency() {
        return claim(AGENCY_CLAIM);
    }

    /** A claim of the caller's token as text (a JSON string claim without its quotes); empty when absent. */
    public Optional<String> claim(String name) {
        return claim(identity, name);
    }

    /** A claim of this identity's token as text (a JSON string claim without its quotes); empty when absent. */
    public static Optional<String> claim(SecurityIdentity identity, String name) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim(name) != null) {
            return Optional.of(jwt.<Object>getClaim(name).toString().replace("\"", ""));
        }
        return Optional.empty();
    }
}
