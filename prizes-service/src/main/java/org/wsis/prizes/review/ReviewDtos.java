package org.wsis.prizes.review;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class ReviewDtos {
    private ReviewDtos() {
    }

    /** The published criteria every reviewer scores against, 0..10 each. */
    public record Criterion(String field, String name, String question, int min, int max) {
    }

    public static final List<Criterion> CRITERIA = List.of(
            new Criterion("impact", "Impact", "How much does the project change people's lives or institutions?", 0, 10),
            new Criterion("innovation", "Innovation", "How new is the approach in its context?", 0, 10),
            new Criterion("sustainability", "Sustainability", "Will it last (funding, ownership, maintenance)?", 0, 10),
            new Criterion("replicability", "Replicability", "Could others reproduce it elsewhere?", 0, 10),
            new Criterion("wsisAlignment", "WSIS alignment", "How well does it serve its action line and the SDGs?", 0, 10));

    public record ReviewerAssignment(@NotNull UUID submissionId,
                                     @NotBlank @Size(max = 200) String reviewerId,
                                     @NotBlank @Size(max = 300) String organisation) {
    }

    public record Scores(@NotNull @Min(0) @Max(10) Integer impact,
                         @NotNull @Min(0) @Max(10) Integer innovation,
                         @NotNull @Min(0) @Max(10) Integer sustainability,
                         @NotNull @Min(0) @Max(10) Integer replicability,
                         @NotNull @Min(0) @Max(10) Integer wsisAlignment,
                         @Size(max = 4000) String comment) {
    }

    public record ReviewView(UUID submissionId, String reviewerId, String reviewerOrganisation,
                             OffsetDateTime assignedAt, @Schema(nullable = true) Integer impact, @Schema(nullable = true) Integer innovation, @Schema(nullable = true) Integer sustainability,
                             @Schema(nullable = true) Integer replicability, @Schema(nullable = true) Integer wsisAlignment, @Schema(nullable = true) Integer total, @Schema(nullable = true) String comment,
                             @Schema(nullable = true) OffsetDateTime scoredAt) {
        public static ReviewView of(Review r) {
            return new ReviewView(r.submissionId, r.reviewerId, r.reviewerOrganisation, r.assignedAt, r.impact,
                    r.innovation, r.sustainability, r.replicability, r.wsisAlignment, r.total(), r.comment, r.scoredAt);
        }
    }
}
