package org.wsis.localstack.testing;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Set;

/**
 * Serves {@code wsis.test.token-public-key}, the public key of {@link TestJwt#trusted()}, to the
 * configuration of every Quarkus test that has local-stack on its class path (registered in
 * META-INF/services). A service opts in with
 * {@code %test.quarkus.oidc.public-key=${wsis.test.token-public-key}}; nothing else reads it, and
 * packaged services never have this jar.
 */
public class TestTokenKeySource implements ConfigSource {

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(TestJwt.PUBLIC_KEY_PROPERTY);
    }

    @Override
    public String getValue(String propertyName) {
        return TestJwt.PUBLIC_KEY_PROPERTY.equals(propertyName) ? TestJwt.trustedPublicKey() : null;
    }

    @Override
    public String getName() {
        return "wsis-test-token-keys";
    }
}
