package org.wsis.prizes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * All of prizes-service's own settings, under one prefix ({@code prizes.}), each default here and only here
 * (issue 19: one shape). A {@code prizes.} mapping refuses any {@code prizes.*} key it does not declare, so every
 * key the service reads is here, the {@code @Scheduled} periods and the screening transaction's timeout included
 * (those are read by name through the annotations; the defaults below are what they see). application.properties
 * sets only what differs per profile; a deployment sets any of them from the environment
 * ({@code PRIZES_LEDGER_HMAC_KEY}, {@code PRIZES_VOTING_RATE_LIMIT_USER_CAPACITY}, ...). Shared settings (rate
 * limits of other writes, inbox, HTTP) are service-commons' {@code wsis.*}.
 */
@ConfigMapping(prefix = "prizes")
public interface PrizesConfig {

    Editions editions();

    Voting voting();

    Ledger ledger();

    Results results();

    interface Editions {
        /** Years from which an edition is a rehearsal (dates movable after voting opens; real contests are < 3000). */
        @WithDefault("3000")
        int rehearsalFromYear();
    }

    interface Voting {
        RateLimit rateLimit();

        /**
         * Client ids of machine clients (client-credentials service accounts): they never vote. '*' ends a prefix.
         */
        @WithDefault("agency-*")
        List<String> machineClients();

        /** Proxies whose X-Forwarded-For is believed (the gateway); the client is the right-most hop outside them. */
        @WithDefault("127.0.0.1/32,::1/128")
        List<String> trustedProxies();

        Screening screening();

        Signals signals();

        Batch batch();

        StepUp stepUp();

        /** Token buckets, PER INSTANCE. */
        interface RateLimit {
            /** A voter may cast a burst of 18 votes (one per category), then one every 2 seconds. */
            User user();

            /** One client application (e.g. the public website) may send up to 3000 votes/s. */
            Client client();

            /** Per client address. */
            Address address();

            /** Per device (User-Agent hash). */
            Device device();

            interface User {
                @WithDefault("18")
                int capacity();

                @WithDefault("0.5")
                double perSecond();
            }

            interface Client {
                @WithDefault("6000")
                int capacity();

                @WithDefault("3000")
                double perSecond();
            }

            interface Address {
                @WithDefault("120")
                double capacity();

                @WithDefault("2")
                double perSecond();
            }

            interface Device {
                @WithDefault("600")
                double capacity();

                @WithDefault("20")
                double perSecond();
            }
        }

        interface Screening {
            /** How often a pass screens the votes of editions that are voting (VoteScreening's @Scheduled). */
            @WithDefault("60s")
            String every();

            /** A pass's transaction (scheduled and POST .../vote-audit/screen): 1.1 M votes took 99 s the first time. */
            @WithDefault("600")
            int timeoutSeconds();

            /** After a pass that took d, an edition's next one waits spacing x d (PassSpacing). */
            @WithDefault("3")
            int spacing();

            /** PENDING votes a scheduled pass decides at most, oldest first (VoteScreening.maxVotesPerPass says why). */
            @WithDefault("100000")
            int maxVotesPerPass();
        }

        interface Signals {
            /** Signals (address, device, e-mail domain, account age) are erased this long after they were taken. */
            @WithDefault("P180D")
            Period retention();
        }

        /** Votes written in one transaction (VoteBatcher). */
        interface Batch {
            @WithDefault("200")
            int maxSize();

            /** How long a vote waits for its batch, then 503 with Retry-After. */
            @WithDefault("30s")
            Duration maxWait();

            @WithDefault("2")
            int writers();
        }

        /** Optional e-mail step-up for risky votes (StepUp; off unless an edition sets stepUp). */
        interface StepUp {
            @WithDefault("PT10M")
            Duration codeLifetime();

            @WithDefault("5")
            int maxAttempts();

            @WithDefault("PT60S")
            Duration resendAfter();

            @WithDefault("5")
            int maxCodesPerHour();
        }
    }

    /**
     * The published vote ledger. The keys are secrets: no default, %dev/%test values only; a deployment sets
     * PRIZES_LEDGER_HMAC_KEY (Base64, 32 random bytes), PRIZES_LEDGER_SIGNING_KEY (PKCS#8 Ed25519, Base64) and
     * PRIZES_LEDGER_PUBLIC_KEY (X.509, Base64) from a secret; without them the service makes random ones at start.
     */
    interface Ledger {
        Optional<String> hmacKey();

        Optional<String> signingKey();

        Optional<String> publicKey();

        /** How often closed voting periods get their ledger (VoteLedger's @Scheduled). */
        @WithDefault("30s")
        String closeEvery();
    }

    interface Results {
        /** How often published results are announced once their ceremony has begun (ResultsService's @Scheduled). */
        @WithDefault("10s")
        String announceEvery();
    }
}
