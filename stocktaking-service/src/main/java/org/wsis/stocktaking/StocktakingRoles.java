package org.wsis.stocktaking;

/**
 * The realm roles stocktaking-service checks (realm 'wsis', deploy/keycloak/wsis-realm.json): this service owns their names.
 * Platform-wide roles (platform-admin) are service-commons' {@code security/Roles}.
 */
public final class StocktakingRoles {
    public static final String EDITOR = "stocktaking-editor";
    public static final String MODERATOR = "stocktaking-moderator";

    private StocktakingRoles() {
    }
}
