package org.wsis.prizes.edition;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.wsis.commons.problem.ProblemException;

import java.time.OffsetDateTime;

public final class EditionDtos {
    private EditionDtos() {
    }

    /** Phase start dates; each phase lasts until the next one starts. */
    public record EditionRequest(@NotNull OffsetDateTime submissionOpens,
                                 @NotNull OffsetDateTime reviewOpens,
                                 @NotNull OffsetDateTime nominationOpens,
                                 @NotNull OffsetDateTime votingOpens,
                                 @NotNull OffsetDateTime resultsOpen,
                                 @Min(1) @Max(50) Integer championsPerCategory) {
        void requireOrderedPhases() {
            requireBefore("reviewOpens", submissionOpens, reviewOpens);
            requireBefore("nominationOpens", reviewOpens, nominationOpens);
            requireBefore("votingOpens", nominationOpens, votingOpens);
            requireBefore("resultsOpen", votingOpens, resultsOpen);
        }

        private static void requireBefore(String field, OffsetDateTime previous, OffsetDateTime start) {
            if (!previous.isBefore(start)) {
                throw ProblemException.invalid(field, "must be after the previous phase's start");
            }
        }
    }

    public record EditionView(int year, Phase phase, OffsetDateTime submissionOpens, OffsetDateTime reviewOpens,
                              OffsetDateTime nominationOpens, OffsetDateTime votingOpens, OffsetDateTime resultsOpen,
                              int championsPerCategory, OffsetDateTime nomineesAnnouncedAt,
                              OffsetDateTime resultsPublishedAt) {
        public static EditionView of(Edition e, Phase phase) {
            return new EditionView(e.year, phase, e.submissionOpens, e.reviewOpens, e.nominationOpens, e.votingOpens,
                    e.resultsOpen, e.championsPerCategory, e.nomineesAnnouncedAt, e.resultsPublishedAt);
        }
    }
}
