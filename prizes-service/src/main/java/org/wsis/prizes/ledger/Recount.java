package org.wsis.prizes.ledger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The recount command: recomputes an edition's standings from its published vote ledger, after checking
 * the Merkle root and its Ed25519 signature. Usage (the ledger from {@code GET /api/v1/editions/{year}/ledger}):
 * <pre>java -cp prizes-service/target/quarkus-app/lib/main/*:prizes-service/target/quarkus-app/app/prizes-service-*.jar \
 *     org.wsis.prizes.ledger.Recount ledger.json</pre>
 * It prints, per category, the nominees by valid votes, most voted first.
 */
public final class Recount {
    private Recount() {
    }

    /** A nominee's valid votes in its category. */
    public record Standing(String category, UUID submissionId, long validVotes) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: Recount <ledger.json>");
            System.exit(2);
        }
        LedgerDtos.Ledger ledger = new ObjectMapper().registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .readValue(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8), LedgerDtos.Ledger.class);
        verify(ledger);
        System.out.printf("edition %d: %d entries, Merkle root %s and its signature verified%n",
                ledger.edition(), ledger.entries(), ledger.merkleRoot());
        String category = null;
        for (Standing s : standings(ledger.ledger())) {
            if (!s.category().equals(category)) {
                category = s.category();
                System.out.println(category);
            }
            System.out.printf("  %s %d%n", s.submissionId(), s.validVotes());
        }
    }

    /** Throws unless the entries hash to the published root and the root's signature verifies. */
    public static void verify(LedgerDtos.Ledger ledger) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ledger.ledger().size(); i++) {
            LedgerDtos.Entry e = ledger.ledger().get(i);
            if (e.position() != i) {
                throw new IllegalStateException("entry " + i + " has position " + e.position());
            }
            lines.add(Merkle.line(i, e.voter(), e.category(), e.submissionId().toString(), e.status(), e.reason()));
        }
        String root = Merkle.root(lines);
        if (!root.equals(ledger.merkleRoot()) || lines.size() != ledger.entries()) {
            throw new IllegalStateException("the entries hash to " + root + ", not the published " + ledger.merkleRoot());
        }
        PublicKey key = KeyFactory.getInstance(ledger.signatureAlgorithm())
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(ledger.publicKey())));
        Signature signature = Signature.getInstance(ledger.signatureAlgorithm());
        signature.initVerify(key);
        signature.update(VoteLedger.signedText(ledger.edition(), ledger.entries(), root).getBytes(StandardCharsets.UTF_8));
        if (!signature.verify(Base64.getDecoder().decode(ledger.signature()))) {
            throw new IllegalStateException("the signature of the Merkle root does not verify");
        }
    }

    /** Valid votes per nominee, by category, most voted first (nominees without a valid vote are not in the ledger). */
    public static List<Standing> standings(List<LedgerDtos.Entry> entries) {
        Map<String, Map<UUID, Long>> counts = new TreeMap<>();
        for (LedgerDtos.Entry e : entries) {
            Map<UUID, Long> category = counts.computeIfAbsent(e.category(), c -> new LinkedHashMap<>());
            category.merge(e.submissionId(), "VALID".equals(e.status()) ? 1L : 0L, Long::sum);
        }
        List<Standing> standings = new ArrayList<>();
        counts.forEach((category, byNominee) -> byNominee.entrySet().stream()
                .sorted(Map.Entry.<UUID, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(n -> standings.add(new Standing(category, n.getKey(), n.getValue()))));
        return standings;
    }
}
