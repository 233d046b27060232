package org.wsis.tokencache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** A key the realm published and no longer publishes is withdrawn; an unknown or unreadable one is not judged here. */
class SigningKeysTest {

    private static String tokenWithKid(String kid) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8)) + ".e30.c2ln";
    }

    @Test
    void aKeyThatLeavesTheJwksIsWithdrawnAtOnce() {
        SigningKeys keys = new SigningKeys();
        keys.published(SigningKeys.keyIdsOf("{\"keys\":[{\"kid\":\"old\",\"kty\":\"RSA\"},{\"kid\" : \"enc\",\"use\":\"enc\"}]}"));
        assertFalse(keys.withdrawn("old"));
        keys.published(Set.of("new", "enc"));
        assertTrue(keys.withdrawn("old"), "published before, gone now");
        assertFalse(keys.withdrawn("new"));
        assertFalse(keys.withdrawn("never-seen"), "a key never seen is quarkus-oidc's to judge");
        assertFalse(keys.withdrawn(null));
        keys.published(Set.of("old", "new"));
        assertFalse(keys.withdrawn("old"), "published again");
    }

    @Test
    void theKeyIdComesFromTheTokensHeader() {
        assertEquals("k-1", SigningKeys.keyIdOf(tokenWithKid("k-1")));
        assertNull(SigningKeys.keyIdOf("not-a-token"));
        assertNull(SigningKeys.keyIdOf("%%%.e30.sig"));
        assertNull(SigningKeys.keyIdOf(Base64.getUrlEncoder().encodeToString("{\"alg\":\"none\"}".getBytes()) + ".e30."));
    }
}
