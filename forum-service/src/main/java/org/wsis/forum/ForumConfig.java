package org.wsis.forum;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalTime;

/**
 * All of forum-service's own settings, under one prefix ({@code forum.}), each default here and only here
 * (issue 19: one shape). application.properties sets only what differs per profile; a deployment sets any of them
 * from the environment ({@code FORUM_BADGE_SECRET}, {@code FORUM_SIGNUP_WRITERS}, ...). Shared settings
 * (rate limits, inbox, HTTP) are service-commons' {@code wsis.*}.
 */
@ConfigMapping(prefix = "forum")
public interface ForumConfig {

    /**
     * HMAC-SHA256 key of badge codes (badge/BadgeCodes), at least 32 characters. No default: dev and tests have
     * theirs in application.properties; every other run sets {@code FORUM_BADGE_SECRET} from a secret store.
     */
    String badgeSecret();

    Signup signup();

    Proposals proposals();

    PrizeCeremony prizeCeremony();

    CountryParticipation countryParticipation();

    Retention retention();

    interface Signup {
        /** Sign-ups of a session written in one transaction (signup/SignupBatcher). */
        @WithDefault("200")
        int maxBatch();

        /** How long a request waits for its batch, then 503 with Retry-After. */
        @WithDefault("30s")
        Duration maxWait();

        /** Sessions written in parallel. */
        @WithDefault("4")
        int writers();

        SessionRate sessionRate();

        /** How long the first on the waitlist has to accept a freed seat offered to them (then it passes on). */
        @WithDefault("24h")
        Duration offerAcceptance();

        /** How often expired offers are passed on (signup/OfferExpiry). */
        @WithDefault("30s")
        Duration offerSweepEvery();

        /** A session's sign-ups, whoever sends them (signup/SessionSignupRate). */
        interface SessionRate {
            /** Share of the seats that may be taken at once. */
            @WithDefault("0.5")
            double burstShare();

            /** The rest no faster than filling the whole session in this many seconds. */
            @WithDefault("60")
            double fillSeconds();
        }
    }

    interface Proposals {
        /** Proposals per person and edition (409 beyond). */
        @WithDefault("10")
        int maxPerProposer();
    }

    /** The prize ceremony session that prize results create (events/PrizeResultsEvents). */
    interface PrizeCeremony {
        /** On the edition's first day, at this UTC time. */
        @WithDefault("16:00")
        LocalTime startsUtc();

        @WithDefault("90")
        int minutes();

        @WithDefault("800")
        int capacity();
    }

    /** The public participation figures per country (participation/ParticipationService). */
    interface CountryParticipation {
        /** Counts below this are withheld, so a small delegation's count cannot point at a person. */
        @WithDefault("5")
        int minimumCount();
    }

    /** How long personal data is kept (privacy/Retention purges it daily; issue 20). */
    interface Retention {
        /**
         * Days after an edition ends that its registrations keep their personal fields (name, organisation,
         * country, accessibility needs, the link to the person); then they are kept only as anonymous counts.
         */
        @WithDefault("365")
        int registrationDays();
    }
}
