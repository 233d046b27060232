package org.wsis.indicators;

/**
 * The realm roles indicators-service checks (realm 'wsis', deploy/keycloak/wsis-realm.json): this service owns their names.
 * Platform-wide roles (platform-admin) are service-commons' {@code security/Roles}.
 */
public final class IndicatorRoles {
    public static final String PUBLISHER = "indicator-publisher";

    private IndicatorRoles() {
    }
}
