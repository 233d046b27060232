package org.wsis.prizes.audit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.wsis.commons.text.PlainText;

public final class VoteAuditDtos {
    private VoteAuditDtos() {
    }

    /** A vote with its signals, for prize admins only. */
    public record AuditedVote(String category, String voterId, UUID submissionId, @Schema(nullable = true) String clientId, OffsetDateTime castAt,
                              @Schema(nullable = true) String clientAddress, @Schema(nullable = true) String deviceHash, @Schema(nullable = true) OffsetDateTime accountCreatedAt, @Schema(nullable = true) String emailDomain,
                              String status, @Schema(nullable = true) String reason, @Schema(nullable = true) String decidedBy) {
    }

    /** Accounts sharing one address or device, and what became of their votes. */
    public record Cluster(String by, String key, long accounts, long votes, long excluded) {
    }

    /** Confirm (EXCLUDED) or overturn (VALID) the screening of one vote, with the reason. */
    public record Decision(@NotBlank @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String category,
                           @NotBlank @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String voterId,
                           @NotNull @Pattern(regexp = "VALID|EXCLUDED", message = "must be VALID or EXCLUDED") String status,
                           @NotBlank @Size(max = 500) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String reason) {
    }
}
