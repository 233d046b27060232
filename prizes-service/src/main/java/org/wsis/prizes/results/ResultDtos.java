package org.wsis.prizes.results;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class ResultDtos {
    private ResultDtos() {
    }

    public enum Outcome {
        WINNER, CHAMPION, NOMINEE
    }

    public record WinnerChoice(@NotNull UUID submissionId) {
    }

    public record ResultView(String category, UUID submissionId, UUID entryId, String title, String organisation,
                             long votes, Outcome outcome) {
    }

    public record ResultsView(int edition, boolean published, @Schema(nullable = true) OffsetDateTime publishedAt, List<ResultView> results) {
    }

    /** Data of org.wsis.prizes.results.published.v1 (see src/main/resources/events/). */
    public record ResultsPublished(int edition, OffsetDateTime publishedAt, List<PublishedResult> results) {
    }

    public record PublishedResult(String category, UUID entryId, String title, String organisation, Outcome outcome) {
    }
}
