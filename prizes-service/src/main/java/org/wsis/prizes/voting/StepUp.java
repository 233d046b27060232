package org.wsis.prizes.voting;

import org.wsis.prizes.PrizesConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;
import org.wsis.prizes.edition.Edition;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.edition.Phase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Optional e-mail step-up for risky votes (issue 18 item 1): instead of a CAPTCHA for everyone, an edition
 * may name signals ({@link StepUpRules}) that make a vote risky; such a vote is refused (403
 * {@code step-up-required}, nothing stored) until the voter proves control of their verified e-mail
 * address with a six-digit code sent by {@link #send} and repeated in the {@value #HEADER} header.
 * <p>
 * Only a salted SHA-256 of the code is stored; a code lives {@code prizes.voting.step-up.code-lifetime}
 * (10 min), accepts {@code max-attempts} (5) wrong tries and then locks; a new code replaces the old one at
 * most once per {@code resend-after} (60 s) and {@code max-codes-per-hour} (5) times an hour, so a guesser
 * gets at most 25 tries an hour at a one-in-a-million code. A correct code covers every vote of the voter in
 * the edition until it expires (a voter casts several category votes in a row).
 */
@ApplicationScoped
public class StepUp {
    public static final String HEADER = "X-Step-Up-Code";
    private static final Logger LOG = Logger.getLogger(StepUp.class);
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private final EntityManager entityManager;
    private final EditionService editions;
    private final Mailer mailer;
    private final Clock clock;
    private final Duration lifetime;
    private final int maxAttempts;
    private final Duration resendAfter;
    private final int maxCodesPerHour;
    private final SecureRandom random = new SecureRandom();
    /** year -> {rules JSON or "", read at (nanoTime)}: rules are frozen while voting, read once in 5 s. */
    private final Map<Integer, Object[]> rulesCache = new ConcurrentHashMap<>();

    public StepUp(EntityManager entityManager, EditionService editions, Mailer mailer, Clock clock,
                  PrizesConfig config) {
        this.entityManager = entityManager;
        this.editions = editions;
        this.mailer = mailer;
        this.clock = clock;
        this.lifetime = config.voting().stepUp().codeLifetime();
        this.maxAttempts = config.voting().stepUp().maxAttempts();
        this.resendAfter = config.voting().stepUp().resendAfter();
        this.maxCodesPerHour = config.voting().stepUp().maxCodesPerHour();
    }

    /** What was sent: to whom (masked) and until when the code is valid. */
    public record StepUpCodeSent(String sentTo, OffsetDateTime expiresAt) {
    }

    /**
     * Refuses a risky vote without a valid code (403 problem naming the signals); returns quietly when the
     * edition has no step-up, the vote is not risky, or the code is right. A wrong code counts (committed
     * even though the vote is refused).
     */
    public void require(int year, String voter, Instant accountCreatedAt, Instant castAt, String address, String device,
                        String code) {
        StepUpRules rules = rules(year);
        if (rules == null) {
            return;
        }
        List<String> signals = QuarkusTransaction.requiringNew().call(() -> riskSignals(rules, year, voter,
                accountCreatedAt, castAt, address, device));
        if (signals.isEmpty()) {
            return;
        }
        if (code == null || code.isBlank()) {
            throw refuse("step-up-required", "E-mail confirmation required",
                    "This vote needs a one-time code (" + String.join(", ", signals) + "): request one with POST "
                            + "/api/prizes/v1/editions/" + year + "/votes/step-up and send it in the " + HEADER + " header");
        }
        if (!CODE.matcher(code.strip()).matches()) {
            throw ProblemException.badRequest(HEADER + " must be the six digits of the e-mailed code");
        }
        ProblemException refusal = QuarkusTransaction.requiringNew().call(() -> check(year, voter, code.strip(), castAt));
        if (refusal != null) {
            throw refusal;
        }
    }

    /** The signals of {@code rules} that fire for this vote (empty: not risky). */
    List<String> riskSignals(StepUpRules rules, int year, String voter, Instant accountCreatedAt, Instant castAt,
                             String address, String device) {
        List<String> signals = new ArrayList<>();
        if (rules.accountYoungerThanDays() > 0 && accountCreatedAt != null
                && accountCreatedAt.isAfter(castAt.minus(Duration.ofDays(rules.accountYoungerThanDays())))) {
            signals.add("new-account");
        }
        OffsetDateTime since = OffsetDateTime.ofInstant(castAt.minus(Duration.ofMinutes(rules.windowMinutes())), ZoneOffset.UTC);
        if (rules.accountsPerAddress() > 0 && address != null
                && otherVoters("client_address", year, address, voter, since, rules.accountsPerAddress()) >= rules.accountsPerAddress()) {
            signals.add("shared-address");
        }
        if (rules.accountsPerDevice() > 0 && device != null
                && otherVoters("device_hash", year, device, voter, since, rules.accountsPerDevice()) >= rules.accountsPerDevice()) {
            signals.add("shared-device");
        }
        return signals;
    }

    /** Other voters of the edition on this address/device since {@code since}, counted up to {@code enough}. */
    private long otherVoters(String column, int year, String value, String voter, OffsetDateTime since, int enough) {
        // LIMIT inside: a campaign address with 100,000 votes is not counted to the end on every vote
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM (SELECT DISTINCT voter_id FROM vote "
                        + "WHERE edition_year = ?1 AND " + column + " = ?2 AND voter_id <> ?3 AND cast_at >= ?4 LIMIT ?5) v")
                .setParameter(1, year).setParameter(2, value).setParameter(3, voter).setParameter(4, since)
                .setParameter(5, enough).getSingleResult()).longValue();
    }

    private ProblemException check(int year, String voter, String code, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT code_hash, salt, expires_at, failed_attempts FROM vote_step_up
                        WHERE edition_year = ?1 AND voter_id = ?2 FOR UPDATE""")
                .setParameter(1, year).setParameter(2, voter).getResultList();
        if (rows.isEmpty()) {
            return refuse("step-up-required", "E-mail confirmation required",
                    "No code was sent for this vote: request one with POST /api/prizes/v1/editions/" + year + "/votes/step-up");
        }
        Object[] row = rows.get(0);
        int failed = ((Number) row[3]).intValue();
        if (failed >= maxAttempts) {
            return refuse("step-up-locked", "Code locked",
                    "Too many wrong codes: request a new one with POST /api/prizes/v1/editions/" + year + "/votes/step-up");
        }
        if (!now.isBefore(EditionService.toOffset(row[2]).toInstant())) {
            return refuse("step-up-expired", "Code expired",
                    "The code has expired: request a new one with POST /api/prizes/v1/editions/" + year + "/votes/step-up");
        }
        if (!MessageDigest.isEqual(hash((String) row[1], voter, code).getBytes(StandardCharsets.US_ASCII),
                ((String) row[0]).getBytes(StandardCharsets.US_ASCII))) {
            entityManager.createNativeQuery("UPDATE vote_step_up SET failed_attempts = failed_attempts + 1 "
                            + "WHERE edition_year = ?1 AND voter_id = ?2")
                    .setParameter(1, year).setParameter(2, voter).executeUpdate();
            int left = maxAttempts - failed - 1;
            return left <= 0
                    ? refuse("step-up-locked", "Code locked", "Wrong code, and that was the last try: request a new code")
                    : refuse("step-up-invalid", "Wrong code", "Wrong code; " + left + " " + (left == 1 ? "try" : "tries") + " left");
        }
        entityManager.createNativeQuery("UPDATE vote_step_up SET verified_at = coalesce(verified_at, ?3) "
                        + "WHERE edition_year = ?1 AND voter_id = ?2")
                .setParameter(1, year).setParameter(2, voter).setParameter(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .executeUpdate();
        return null;
    }

    /**
     * Sends a new code to the voter's verified e-mail address, replacing any earlier one (voting phase only;
     * 409 when the edition has no step-up; 429 with Retry-After when asked again too soon or too often). The
     * code is stored and mailed in one transaction: if the SMTP server refuses, nothing is kept (503).
     */
    public StepUpCodeSent send(int year, String voter, String email) {
        Edition edition = editions.requirePhase(year, Phase.VOTING, "confirming a vote by e-mail");
        if (StepUpRules.fromJson(edition.stepUpRules) == null) {
            throw new ProblemException(Problem.of(409, "step-up-off", "No step-up in this edition",
                    "Edition " + year + " asks no vote for an e-mailed code"));
        }
        if (email == null || email.isBlank() || !email.contains("@")) {
            throw refuse("email-unknown", "E-mail address unknown", "The token carries no e-mail address to send a code to");
        }
        return QuarkusTransaction.requiringNew().call(() -> sendInTransaction(year, voter, email.strip()));
    }

    private StepUpCodeSent sendInTransaction(int year, String voter, String email) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT last_sent_at, sent_window_start, sent_in_window FROM vote_step_up
                        WHERE edition_year = ?1 AND voter_id = ?2 FOR UPDATE""")
                .setParameter(1, year).setParameter(2, voter).getResultList();
        Instant windowStart = now;
        int sentInWindow = 1;
        if (!rows.isEmpty()) {
            Instant lastSent = EditionService.toOffset(rows.get(0)[0]).toInstant();
            Instant previousWindow = EditionService.toOffset(rows.get(0)[1]).toInstant();
            int previousCount = ((Number) rows.get(0)[2]).intValue();
            Instant nextAllowed = lastSent.plus(resendAfter);
            if (now.isBefore(nextAllowed)) {
                throw tooSoon("A code was sent a moment ago; a new one can be sent", nextAllowed, now);
            }
            if (now.isBefore(previousWindow.plus(Duration.ofHours(1)))) {
                if (previousCount >= maxCodesPerHour) {
                    throw tooSoon(maxCodesPerHour + " codes were sent within the hour; a new one can be sent",
                            previousWindow.plus(Duration.ofHours(1)), now);
                }
                windowStart = previousWindow;
                sentInWindow = previousCount + 1;
            }
        }
        String code = String.format("%06d", random.nextInt(1_000_000));
        byte[] saltBytes = new byte[16];
        random.nextBytes(saltBytes);
        String salt = HexFormat.of().formatHex(saltBytes);
        OffsetDateTime expiresAt = OffsetDateTime.ofInstant(now.plus(lifetime), ZoneOffset.UTC).withNano(0);
        entityManager.createNativeQuery("""
                        INSERT INTO vote_step_up (edition_year, voter_id, code_hash, salt, expires_at, failed_attempts, verified_at,
                                                  last_sent_at, sent_window_start, sent_in_window)
                        VALUES (?1, ?2, ?3, ?4, ?5, 0, NULL, ?6, ?7, ?8)
                        ON CONFLICT (edition_year, voter_id) DO UPDATE SET code_hash = excluded.code_hash, salt = excluded.salt,
                            expires_at = excluded.expires_at, failed_attempts = 0, verified_at = NULL,
                            last_sent_at = excluded.last_sent_at, sent_window_start = excluded.sent_window_start,
                            sent_in_window = excluded.sent_in_window""")
                .setParameter(1, year).setParameter(2, voter).setParameter(3, hash(salt, voter, code)).setParameter(4, salt)
                .setParameter(5, expiresAt).setParameter(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .setParameter(7, OffsetDateTime.ofInstant(windowStart, ZoneOffset.UTC)).setParameter(8, sentInWindow)
                .executeUpdate();
        try {
            mailer.send(Mail.withText(email, "Your WSIS Prizes " + year + " voting code: " + code,
                    "Your code to confirm your vote in the WSIS Prizes " + year + " is " + code + ".\n\n"
                            + "It is valid for " + lifetime.toMinutes() + " minutes. If you did not try to vote, ignore this message.\n"));
        } catch (RuntimeException e) {
            LOG.warnf("step-up code for edition %d could not be mailed: %s", year, e.toString());
            // the transaction rolls back: no code is kept that the voter never received
            throw ProblemException.unavailable("The e-mail with the code could not be sent; try again shortly", 30);
        }
        return new StepUpCodeSent(mask(email), expiresAt);
    }

    private StepUpRules rules(int year) {
        Object[] cached = rulesCache.get(year);
        long now = System.nanoTime();
        if (cached == null || now - (long) cached[1] > 5_000_000_000L) {
            String json = QuarkusTransaction.requiringNew().call(() -> editions.get(year).stepUpRules);
            cached = new Object[]{json == null ? "" : json, now};
            rulesCache.put(year, cached);
        }
        String json = (String) cached[0];
        return json.isEmpty() ? null : StepUpRules.fromJson(json);
    }

    private static ProblemException tooSoon(String what, Instant allowedAt, Instant now) {
        long seconds = Math.max(1, Duration.between(now, allowedAt).toSeconds() + 1);
        return ProblemException.tooManyRequests(what + " in " + seconds + " s", seconds);
    }

    private static ProblemException refuse(String kind, String title, String detail) {
        return new ProblemException(Problem.of(403, kind, title, detail));
    }

    /** j***@example.org: enough for the voter to recognise the address, not to read it off a screen. */
    static String mask(String email) {
        int at = email.lastIndexOf('@');
        return (at <= 1 ? "*" : email.charAt(0) + "***") + email.substring(at);
    }

    private static String hash(String salt, String voter, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(voter.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
