package org.wsis.gateway.edge;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

import jakarta.annotation.Priority;

/**
 * When {@code quarkus.oidc.public-key} is set (benchmarks and tests sign their own tokens), the realm
 * URL from application.properties is hidden: otherwise quarkus-oidc would still try to reach
 * Keycloak for discovery. Registered in META-INF/services.
 */
@Priority(Priorities.APPLICATION + 100)
public class PublicKeyWinsOverRealm implements ConfigSourceInterceptor {

    static final String REALM_URL = "quarkus.oidc.auth-server-url";
    static final String PUBLIC_KEY = "quarkus.oidc.public-key";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (REALM_URL.equals(name)) {
            ConfigValue publicKey = context.proceed(PUBLIC_KEY);
            if (publicKey != null && publicKey.getValue() != null && !publicKey.getValue().isBlank()) {
                return null;
            }
        }
        return context.proceed(name);
    }
}
