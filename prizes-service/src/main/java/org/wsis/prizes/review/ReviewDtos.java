package org.wsis.prizes.review;

import org.wsis.commons.i18n.LabelTexts;
import org.wsis.commons.text.PlainText;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

public final class ReviewDtos {
    private ReviewDtos() {
    }

    /** A criterion reviewers score against: {@code field} is its key in a review's scores. */
    /**
     * A review criterion; {@code name} and {@code question} in English as ITU wrote them, {@code label} and
     * {@code questionLabel} in the reply's Content-Language (Accept-Language, else English), {@code labels} and
     * {@code questionLabels} in all six UN languages (English is ITU's text; the others the platform's translation).
     */
    public record Criterion(String field, String name, String question, int min, int max,
                            @Schema(description = "The name in the language of the reply's Content-Language") String label,
                            @Schema(description = "The name in each UN language") LabelTexts labels,
                            @Schema(description = "Languages (ISO 639-1) of official texts (ITU's); the others are the platform's translation") List<String> officialLabels,
                            @Schema(description = "The question in the language of the reply's Content-Language") String questionLabel,
                            @Schema(description = "The question in each UN language") LabelTexts questionLabels) {
    }

    /** reviewerId: the token subject of a prize-reviewer known to prizes (GET /reviewers). */
    public record ReviewerAssignment(@NotNull UUID submissionId,
                                     @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String reviewerId,
                                     @NotBlank @Size(max = 300) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String organisation) {
    }

    /** One score 0..10 per criterion of the edition, keyed by the criterion's field; no more, no fewer. */
    public record Scores(@NotNull @Size(max = 20) Map<@NotBlank @Size(max = 50) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String, @NotNull @Min(0) @Max(10) Integer> scores,
                         @Schema(nullable = true) @Size(max = 4000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String comment) {
    }

    public record ReviewView(UUID submissionId, String reviewerId, String reviewerOrganisation,
                             OffsetDateTime assignedAt,
                             @Schema(nullable = true, description = "score per criterion field, once scored") Map<String, Integer> scores,
                             @Schema(nullable = true) Integer total,
                             @Schema(nullable = true) String comment,
                             @Schema(nullable = true) OffsetDateTime scoredAt) {
        public static ReviewView of(Review r) {
            return new ReviewView(r.submissionId, r.reviewerId, r.reviewerOrganisation, r.assignedAt, r.scores(),
                    r.total(), r.comment, r.scoredAt);
        }
    }

    /** A prize-reviewer known to prizes: they have called prizes with their own token. */
    public record ReviewerView(String userId, @Schema(nullable = true) String username,
                               @Schema(nullable = true) String displayName,
                               OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt) {
    }
}
