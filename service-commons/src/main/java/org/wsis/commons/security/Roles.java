package org.wsis.commons.security;

/**
 * Platform-wide realm roles of the Keycloak realm 'wsis' (see deploy/keycloak/README.md). Each service owns the
 * names of the roles only it checks: StocktakingRoles, PrizeRoles, ForumRoles, IndicatorRoles (issue 19).
 */
public final class Roles {
    public static final String PLATFORM_ADMIN = "platform-admin";

    /** @deprecated PrizeRoles.ADMIN; kept while prizes' voting/ (being reworked) still reads it. */
    @Deprecated
    public static final String PRIZE_ADMIN = "prize-admin";
    /** @deprecated PrizeRoles.VOTER; kept while prizes' voting/ (being reworked) still reads it. */
    @Deprecated
    public static final String PRIZE_VOTER = "prize-voter";

    private Roles() {
    }
}
