package org.wsis.forum.badge;

import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.forum.ForumConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Badge codes: "registrationId.signature", the signature an HMAC-SHA256 of the registration id and
 * edition under a server-side secret (forum.badge-secret), base64url without padding. Without
 * the secret a code cannot be forged, and one edition's badge does not verify for another.
 */
@ApplicationScoped
public class BadgeCodes {
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public BadgeCodes(ForumConfig config) {
        String secret = config.badgeSecret();
        if (secret.length() < 32) {
            throw new IllegalStateException("forum.badge-secret must be at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String codeFor(UUID registrationId, int edition) {
        return registrationId + "." + ENCODER.encodeToString(signature(registrationId, edition));
    }

    /** @return the registration id in a well-formed code (not yet verified), or empty */
    public Optional<UUID> registrationOf(String code) {
        if (code == null) {
            return Optional.empty();
        }
        int dot = code.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(code.substring(0, dot)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Constant-time check that the code was issued for this registration and edition. */
    public boolean verify(String code, UUID registrationId, int edition) {
        int dot = code.indexOf('.');
        byte[] presented;
        try {
            presented = DECODER.decode(code.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(presented, signature(registrationId, edition));
    }

    private byte[] signature(UUID registrationId, int edition) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal((registrationId + "|" + edition).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
