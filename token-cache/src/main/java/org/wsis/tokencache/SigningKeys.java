package org.wsis.tokencache;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key ids (kid) the realm publishes in its JWKS, as last fetched, and every one seen before. A
 * key that was published and no longer is has been WITHDRAWN (rotated out, or removed because it
 * leaked): a token signed with it is refused at once by {@link TokenCacheSetup}'s mechanism, whether
 * the cache remembers the token or not, because quarkus-oidc's own key set would still hold the key
 * until its next refresh. A kid never seen is not ours to judge (a new key: quarkus-oidc fetches it).
 * A failed fetch changes nothing: an unreachable realm withdraws no key.
 */
public final class SigningKeys {
    private static final Pattern KID = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"");
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private volatile Set<String> published = Set.of();

    /** The realm's JWKS has just been read: these are its key ids now. */
    public void published(Set<String> keyIds) {
        seen.addAll(keyIds);
        published = Set.copyOf(keyIds);
    }

    public boolean withdrawn(String keyId) {
        return keyId != null && seen.contains(keyId) && !published.contains(keyId);
    }

    /** The key ids in a JWKS document. */
    public static Set<String> keyIdsOf(String jwks) {
        Set<String> ids = new java.util.HashSet<>();
        Matcher kid = KID.matcher(jwks);
        while (kid.find()) {
            ids.add(kid.group(1));
        }
        return ids;
    }

    /** The kid in a compact JWS's header, or null (no kid, or not a JWS). Nothing is verified here. */
    public static String keyIdOf(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot > 4096) {
            return null;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            Matcher kid = KID.matcher(header);
            return kid.find() ? kid.group(1) : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
