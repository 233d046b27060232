package org.wsis.commons.security;

/** Realm roles of the Keycloak realm 'wsis' (see deploy/keycloak/README.md). */
public final class Roles {
    public static final String STOCKTAKING_EDITOR = "stocktaking-editor";
    public static final String STOCKTAKING_MODERATOR = "stocktaking-moderator";
    public static final String PRIZE_ADMIN = "prize-admin";
    public static final String PRIZE_REVIEWER = "prize-reviewer";
    public static final String PRIZE_VOTER = "prize-voter";
    public static final String FORUM_ORGANIZER = "forum-organizer";
    public static final String FORUM_PARTICIPANT = "forum-participant";
    public static final String INDICATOR_PUBLISHER = "indicator-publisher";
    public static final String PLATFORM_ADMIN = "platform-admin";

    private Roles() {
    }
}
