package org.wsis.prizes;

/**
 * The realm roles prizes-service checks (realm 'wsis', deploy/keycloak/wsis-realm.json): this service owns their names.
 * Platform-wide roles (platform-admin) are service-commons' {@code security/Roles}.
 */
public final class PrizeRoles {
    public static final String ADMIN = "prize-admin";
    public static final String REVIEWER = "prize-reviewer";
    public static final String VOTER = "prize-voter";

    private PrizeRoles() {
    }
}
