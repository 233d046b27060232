package org.wsis.prizes.voting;

import jakarta.validation.constraints.NotNull;

import java.time.OffsetDateTime;
import java.util.UUID;

public final class VoteDtos {
    private VoteDtos() {
    }

    /** A vote for a nominee; its category is the nominee's. */
    public record NewVote(@NotNull UUID submissionId) {
    }

    public record VoteView(int edition, String category, UUID submissionId, OffsetDateTime castAt) {
    }

    public record TallyView(String category, UUID submissionId, String title, String organisation, long votes) {
    }
}
