package org.wsis.forum;

/**
 * The realm roles forum-service checks (realm 'wsis', deploy/keycloak/wsis-realm.json): this service owns their names.
 * Platform-wide roles (platform-admin) are service-commons' {@code security/Roles}.
 */
public final class ForumRoles {
    public static final String ORGANIZER = "forum-organizer";
    public static final String PARTICIPANT = "forum-participant";

    private ForumRoles() {
    }
}
