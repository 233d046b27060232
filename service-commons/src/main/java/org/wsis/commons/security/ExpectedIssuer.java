package org.wsis.commons.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Why a refused token was refused, when the reason is its issuer: a token fetched from Keycloak under
 * another name (localhost instead of 127.0.0.1, an internal host name instead of the public one) is
 * well signed but names another issuer, and a bare 401 leaves its holder guessing.
 */
@ApplicationScoped
public class ExpectedIssuer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> expected;

    ExpectedIssuer(@ConfigProperty(name = "quarkus.oidc.token.issuer") Optional<String> issuer,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> realm,
            @ConfigProperty(name = "quarkus.oidc.public-key") Optional<String> publicKey) {
        // Without an explicit issuer, quarkus-oidc expects the realm's own (the realm URL for Keycloak);
        // with a fixed public key instead of a realm it checks no issuer at all.
        this.expected = issuer.filter(value -> !value.equals("any"))
                .or(() -> publicKey.isPresent() ? Optional.empty() : realm)
                .map(value -> value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }

    /**
     * The explanation for the caller when the bearer token in {@code authorization} names an issuer other
     * than the expected one; null when it does not (or cannot be read: the generic 401 then stands).
     * The token is only decoded here, never trusted: it was already refused.
     */
    public String mismatch(String authorization) {
        if (expected.isEmpty() || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String actual = issuerOf(authorization.substring(7).trim());
        if (actual == null || actual.equals(expected.get())) {
            return null;
        }
        return "The token was issued by " + abbreviate(actual) + " but this platform accepts tokens issued by "
                + expected.get() + " only: fetch the token from that realm";
    }

    static String issuerOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3 || parts[1].length() > 16_384) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode iss = claims.get("iss");
            return iss != null && iss.isTextual() ? iss.asText() : null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    /** The caller's own value, echoed: short, so a crafted token cannot fill the answer. */
    private static String abbreviate(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "...";
    }
}
