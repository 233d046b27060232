package org.wsis.prizes.submission;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.wsis.commons.text.PlainText;

public final class SubmissionDtos {
    private SubmissionDtos() {
    }

    /** summary: the short description, 150 to 200 words in English (ITU's rules, see ShortDescription). */
    public record NewSubmission(@NotNull UUID entryId,
                                @NotBlank @Size(max = 20) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String category,
                                @NotBlank @Size(max = 4000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String summary) {
    }

    public record SubmissionChange(@NotBlank @Size(max = 20) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String category,
                                   @NotBlank @Size(max = 4000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String summary) {
    }

    public record SubmissionView(UUID id, int edition, UUID entryId, String category, String title,
                                 String organisation, String summary, SubmissionStatus status,
                                 OffsetDateTime submittedAt, OffsetDateTime updatedAt) {
        public static SubmissionView of(Submission s) {
            return new SubmissionView(s.id, s.editionYear, s.entryId, s.category, s.title, s.organisation, s.summary,
                    s.status, s.submittedAt, s.updatedAt);
        }
    }
}
