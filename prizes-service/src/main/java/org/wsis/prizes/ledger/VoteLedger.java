package org.wsis.prizes.ledger;

import org.wsis.prizes.PrizesConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.prizes.PrizeRoles;
import org.wsis.prizes.edition.Edition;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.edition.Phase;
import org.wsis.prizes.voting.VoteScreening;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * When voting closes, the edition's votes are screened a last time and frozen into a published ledger:
 * one entry per vote with the voter pseudonymised by a keyed HMAC (the key is a secret: without it no one
 * can link an entry to an account, with it the organisers can), its category, nominee, status and reason;
 * the entries' Merkle root is signed with the service's Ed25519 key. Anyone can then recount the
 * standings from the ledger ({@link Recount}) and check the root and its signature.
 */
@ApplicationScoped
public class VoteLedger {
    private static final Logger LOG = Logger.getLogger(VoteLedger.class);
    static final String SIGNATURE_ALGORITHM = "Ed25519";

    private final EntityManager entityManager;
    private final EditionService editions;
    private final VoteScreening screening;
    private final CurrentUser caller;
    private final Clock clock;
    private final byte[] hmacKey;
    private final PrivateKey signingKey;
    private final String publicKey;

    public VoteLedger(EntityManager entityManager, EditionService editions, VoteScreening screening, CurrentUser caller,
                      Clock clock,
                      PrizesConfig config) {
        Optional<String> hmacKey = config.ledger().hmacKey();
        Optional<String> signingKey = config.ledger().signingKey();
        Optional<String> publicKey = config.ledger().publicKey();
        this.entityManager = entityManager;
        this.editions = editions;
        this.screening = screening;
        this.caller = caller;
        this.clock = clock;
        try {
            if (hmacKey.isPresent()) {
                this.hmacKey = Base64.getDecoder().decode(hmacKey.get());
            } else {
                // No organiser's key: a random one, forgotten at restart. The ledger is as verifiable,
                // only the organisers can no longer link an entry back to an account.
                LOG.warn("prizes.ledger.hmac-key is not set: vote ledgers closed by this instance use a random key");
                this.hmacKey = new byte[32];
                new java.security.SecureRandom().nextBytes(this.hmacKey);
            }
            if (signingKey.isPresent() && publicKey.isPresent()) {
                this.signingKey = KeyFactory.getInstance(SIGNATURE_ALGORITHM)
                        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(signingKey.get())));
                this.publicKey = publicKey.get();
            } else {
                // No configured key pair: an ephemeral one; its public key is stored with each digest it signs.
                LOG.warn("prizes.ledger.signing-key/public-key are not set: vote ledgers are signed with an ephemeral key");
                java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance(SIGNATURE_ALGORITHM).generateKeyPair();
                this.signingKey = pair.getPrivate();
                this.publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("prizes.ledger keys are unreadable (hmac-key: Base64; signing-key: PKCS#8 Ed25519, Base64)", e);
        }
    }

    /** Closes the ledgers of editions whose voting has ended, shortly after the end. */
    @Scheduled(every = "${prizes.ledger.close-every}", delayed = "20s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeEndedVotes() {
        List<Integer> ended = QuarkusTransaction.requiringNew().call(() -> editions.list().stream()
                .filter(e -> editions.phaseNow(e) == Phase.RESULTS && !isClosed(e.year)).map(e -> e.year).toList());
        for (int year : ended) {
            try {
                QuarkusTransaction.requiringNew().run(() -> close(editions.getForUpdate(year)));
            } catch (RuntimeException e) {
                LOG.warnf(e, "closing the vote ledger of edition %d failed; retried shortly", year);
            }
        }
    }

    public boolean isClosed(int year) {
        return entityManager.createNativeQuery("SELECT 1 FROM ledger_digest WHERE edition_year = ?1")
                .setParameter(1, year).getResultList().size() == 1;
    }

    /** Screens and freezes the votes of an edition whose voting has ended (the caller holds its lock); no-op when done. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void close(Edition edition) {
        if (isClosed(edition.year)) {
            return;
        }
        if (editions.phaseNow(edition) != Phase.RESULTS) {
            throw EditionService.wrongPhase(edition.year, editions.phaseNow(edition), Phase.RESULTS, "closing the vote");
        }
        screening.screen(edition.year);
        Mac mac = hmac();
        List<LedgerDtos.Entry> entries = new ArrayList<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT voter_id, category, submission_id, status, reason FROM vote WHERE edition_year = ?")) {
                statement.setFetchSize(10_000);
                statement.setInt(1, edition.year);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String voter = HexFormat.of().formatHex(mac.doFinal(rows.getString(1).getBytes(StandardCharsets.UTF_8)));
                        entries.add(new LedgerDtos.Entry(0, voter, rows.getString(2), (UUID) rows.getObject(3),
                                rows.getString(4), rows.getString(5)));
                    }
                }
            }
        });
        entries.sort(Comparator.comparing(LedgerDtos.Entry::category).thenComparing(LedgerDtos.Entry::voter));
        List<String> lines = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            LedgerDtos.Entry e = entries.get(i);
            lines.add(Merkle.line(i, e.voter(), e.category(), e.submissionId().toString(), e.status(), e.reason()));
        }
        insert(edition.year, entries);
        String root = Merkle.root(lines);
        entityManager.createNativeQuery("""
                        INSERT INTO ledger_digest (edition_year, entries, merkle_root, signature, public_key, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?6, ?5)""")
                .setParameter(1, edition.year).setParameter(2, entries.size()).setParameter(3, root)
                .setParameter(4, sign(edition.year, entries.size(), root))
                .setParameter(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).setParameter(6, publicKey)
                .executeUpdate();
        LOG.infof("vote ledger of edition %d closed: %d entries, Merkle root %s", edition.year, entries.size(), root);
    }

    private void insert(int year, List<LedgerDtos.Entry> entries) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO vote_ledger (edition_year, position, voter_hmac, category, submission_id, status, reason)
                    SELECT ?, p, v, c, s, st, r FROM unnest(?::int[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[])
                         AS x (p, v, c, s, st, r)""")) {
                for (int from = 0; from < entries.size(); from += 10_000) {
                    int to = Math.min(entries.size(), from + 10_000);
                    Object[] positions = new Object[to - from];
                    for (int i = from; i < to; i++) {
                        positions[i - from] = i;
                    }
                    List<LedgerDtos.Entry> chunk = entries.subList(from, to);
                    statement.setInt(1, year);
                    statement.setArray(2, connection.createArrayOf("int4", positions));
                    statement.setArray(3, connection.createArrayOf("text", chunk.stream().map(LedgerDtos.Entry::voter).toArray()));
                    statement.setArray(4, connection.createArrayOf("text", chunk.stream().map(LedgerDtos.Entry::category).toArray()));
                    statement.setArray(5, connection.createArrayOf("uuid", chunk.stream().map(LedgerDtos.Entry::submissionId).toArray()));
                    statement.setArray(6, connection.createArrayOf("text", chunk.stream().map(LedgerDtos.Entry::status).toArray()));
                    statement.setArray(7, connection.createArrayOf("text", chunk.stream().map(LedgerDtos.Entry::reason).toArray()));
                    statement.executeUpdate();
                }
            }
        });
    }

    /** The published ledger: for everyone once the results are public, for prize admins once voting has closed. */
    public LedgerDtos.Ledger ledger(int year) {
        Edition edition = editions.get(year);
        if (!edition.resultsPublicAt(clock.instant()) && !caller.hasRole(PrizeRoles.ADMIN)) {
            throw ProblemException.notFound("Vote ledger of edition", year);
        }
        List<?> digest = entityManager.createNativeQuery(
                "SELECT entries, merkle_root, signature, created_at, public_key FROM ledger_digest WHERE edition_year = ?1")
                .setParameter(1, year).getResultList();
        if (digest.isEmpty()) {
            throw ProblemException.notFound("Vote ledger of edition", year);
        }
        Object[] d = (Object[]) digest.get(0);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT position, voter_hmac, category, submission_id, status, reason FROM vote_ledger
                        WHERE edition_year = ?1 ORDER BY position""").setParameter(1, year).getResultList();
        List<LedgerDtos.Entry> entries = rows.stream().map(r -> new LedgerDtos.Entry(((Number) r[0]).intValue(),
                (String) r[1], (String) r[2], (UUID) r[3], (String) r[4], (String) r[5])).toList();
        return new LedgerDtos.Ledger(year, EditionService.toOffset(d[3]), ((Number) d[0]).intValue(), (String) d[1],
                (String) d[2], SIGNATURE_ALGORITHM, (String) d[4], counts(entries), entries);
    }

    /** Valid votes, and excluded votes by reason, per category. */
    public static List<LedgerDtos.CategoryCount> counts(List<LedgerDtos.Entry> entries) {
        Map<String, long[]> totals = new TreeMap<>();
        Map<String, Map<String, Long>> reasons = new TreeMap<>();
        for (LedgerDtos.Entry e : entries) {
            long[] t = totals.computeIfAbsent(e.category(), c -> new long[2]);
            if ("VALID".equals(e.status())) {
                t[0]++;
            } else if ("EXCLUDED".equals(e.status())) {
                t[1]++;
                for (String reason : (e.reason() == null ? "unspecified" : e.reason()).split("; ")) {
                    reasons.computeIfAbsent(e.category(), c -> new TreeMap<>()).merge(reason, 1L, Long::sum);
                }
            }
        }
        List<LedgerDtos.CategoryCount> counts = new ArrayList<>();
        totals.forEach((category, t) -> counts.add(new LedgerDtos.CategoryCount(category, t[0], t[1],
                reasons.getOrDefault(category, new LinkedHashMap<>()))));
        return counts;
    }

    /** What the signature covers: edition, number of entries and Merkle root. */
    public static String signedText(int year, int entries, String root) {
        return "wsis-prizes-vote-ledger|" + year + "|" + entries + "|" + root;
    }

    private String sign(int year, int entries, String root) {
        try {
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
            signature.initSign(signingKey);
            signature.update(signedText(year, entries, root).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the vote ledger", e);
        }
    }

    private Mac hmac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
