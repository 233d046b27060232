package org.wsis.devsecrets;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevSecretGuardTest {

    @Test
    void namesEverySecretPropertyHoldingAPublishedValueAndNothingElse() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.password", "postgres");
        config.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        config.put("wsis.forum.badge-secret", "dev-only-badge-secret-change-me-in-production-0123456789");
        config.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"forum-service\" password=\"change-me\";");
        config.put("quarkus.oidc.credentials.secret", "agency-itu-secret");
        config.put("%dev.quarkus.datasource.password", "postgres"); // another profile: not this run's
        config.put("quarkus.datasource.username", "postgres");      // not a secret
        config.put("wsis.other.secret", "q8Vd0xG2fPz7LrT9kWm4NsYb1HcJ6eAo");
        // Quarkus' own defaults name where a password is kept; they are not passwords
        config.put("quarkus.tls.key-store.credentials-provider.password-key", "password");
        Set<String> found = DevSecretGuard.devSecrets(config.keySet(), name -> Optional.ofNullable(config.get(name)));
        assertEquals(Set.of("quarkus.datasource.password", "wsis.forum.badge-secret", "kafka.sasl.jaas.config",
                "quarkus.oidc.credentials.secret"), found);
    }

    @Test
    void randomValuesAndJaasLinesWithRandomPasswordsPass() {
        assertFalse(DevSecretGuard.isDevValue("q8Vd0xG2fPz7LrT9kWm4NsYb1HcJ6eAo"));
        assertFalse(DevSecretGuard.isDevValue("ScramLoginModule required username=\"a\" password=\"q8Vd0xG2fPz7LrT9\";"));
        assertTrue(DevSecretGuard.isDevValue("CHANGE-ME-db"));
        assertTrue(DevSecretGuard.isDevValue(" postgres "));
    }
}
