package org.wsis.prizes.ledger;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class LedgerDtos {
    private LedgerDtos() {
    }

    /** One vote, pseudonymised: the voter is a keyed HMAC, never their id. */
    public record Entry(int position, String voter, String category, UUID submissionId, String status, @Schema(nullable = true) String reason) {
    }

    /** Per category: valid votes, and excluded votes by reason (a vote excluded by two rules counts under both). */
    public record CategoryCount(String category, long valid, long excluded, Map<String, Long> excludedByReason) {
    }

    /**
     * The published record of an edition's vote: counts, the ledger and its Merkle root signed with the
     * service's Ed25519 key ({@code publicKey}, X.509 DER, Base64). Recompute with
     * {@code java -cp prizes-service.jar org.wsis.prizes.ledger.Recount ledger.json}.
     */
    public record Ledger(int edition, OffsetDateTime closedAt, int entries, String merkleRoot, String signature,
                         String signatureAlgorithm, String publicKey, List<CategoryCount> counts, List<Entry> ledger) {
    }
}
