package org.wsis.gateway.profile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The one place listing which public service endpoints the country profile is assembled from (as
 * the services publish them, before the gateway prefix). Change them here if a service's API moves.
 */
public final class ProfileSources {

    private ProfileSources() {
    }

    /** A GET on one service, named as in {@code wsis.gateway.services}. */
    public record Source(String service, String uri) {
    }

    /**
     * The platform's country table (alpha-2, alpha-3, UN M49, name), kept by stocktaking as reference
     * data: the gateway reads a code given in any of the three forms through it.
     */
    public static Source countries() {
        return new Source("stocktaking", "/api/v1/reference/countries");
    }

    /** Stocktaking search for the country: counts per action line (facets) and the latest entries. */
    public static Source stocktakingEntries(String iso3) {
        return new Source("stocktaking",
                "/api/v1/search?country=" + encode(iso3) + "&facets=true&sort=newest&size=5");
    }

    /**
     * The country's WSIS Prizes winners and champions: stocktaking entries flagged by the
     * prizes.results event (the prizes service's results are per edition and carry no country).
     */
    public static Source prizeWinners(String iso3) {
        return new Source("stocktaking",
                "/api/v1/search?country=" + encode(iso3) + "&prize=WINNER&prize=CHAMPION&facets=false&size=50");
    }

    /** Current ICT indicator observations for the economy; the profile keeps the latest period of each. */
    public static Source indicatorObservations(String iso3) {
        return new Source("indicators", "/api/v1/observations?economy=" + encode(iso3) + "&size=100");
    }

    /**
     * The country's participation in the WSIS Forum: confirmed registrations per edition, counts only (forum
     * withholds small counts; see forum-service's participation/).
     */
    public static Source forumParticipation(String iso3) {
        return new Source("forum", "/api/v1/countries/" + encode(iso3) + "/participation");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
