package org.wsis.prizes.edition;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.text.PlainText;

import java.time.OffsetDateTime;

public final class EditionDtos {
    private EditionDtos() {
    }

    /**
     * Phase start dates; each phase lasts until the next one starts. {@code voterAccountsBefore}: voters'
     * accounts must be older (default: {@code votingOpens}); {@code ceremonyAt}: results are embargoed until
     * then (default: {@code resultsOpen}); {@code changeReason}: required to change an edition whose voting
     * has opened (recorded in its audit trail); {@code stepUp}: which signals make a vote risky, so that it
     * needs an e-mailed one-time code (absent: no step-up; frozen once voting opens like screeningRules).
     */
    public record EditionRequest(@NotNull OffsetDateTime submissionOpens,
                                 @NotNull OffsetDateTime reviewOpens,
                                 @NotNull OffsetDateTime nominationOpens,
                                 @NotNull OffsetDateTime votingOpens,
                                 @NotNull OffsetDateTime resultsOpen,
                                 @Min(1) @Max(50) Integer championsPerCategory,
                                 OffsetDateTime voterAccountsBefore,
                                 OffsetDateTime ceremonyAt,
                                 @Size(max = 500) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String changeReason,
                                 @jakarta.validation.Valid org.wsis.prizes.voting.ScreeningRules screeningRules,
                                 @jakarta.validation.Valid org.wsis.prizes.voting.StepUpRules stepUp) {
        void requireOrderedPhases() {
            requireBefore("reviewOpens", submissionOpens, reviewOpens);
            requireBefore("nominationOpens", reviewOpens, nominationOpens);
            requireBefore("votingOpens", nominationOpens, votingOpens);
            requireBefore("resultsOpen", votingOpens, resultsOpen);
            if (ceremonyAt != null && ceremonyAt.isBefore(resultsOpen)) {
                throw ProblemException.invalid("ceremonyAt", "must not be before resultsOpen (voting must be closed)");
            }
            if (voterAccountsBefore != null && voterAccountsBefore.isAfter(votingOpens)) {
                throw ProblemException.invalid("voterAccountsBefore", "must not be after votingOpens");
            }
        }

        private static void requireBefore(String field, OffsetDateTime previous, OffsetDateTime start) {
            if (!previous.isBefore(start)) {
                throw ProblemException.invalid(field, "must be after the previous phase's start");
            }
        }
    }

    public record EditionView(int year, Phase phase, OffsetDateTime submissionOpens, OffsetDateTime reviewOpens,
                              OffsetDateTime nominationOpens, OffsetDateTime votingOpens, OffsetDateTime resultsOpen,
                              int championsPerCategory, @Schema(nullable = true) OffsetDateTime nomineesAnnouncedAt,
                              @Schema(nullable = true) OffsetDateTime resultsPublishedAt, OffsetDateTime voterAccountsBefore,
                              OffsetDateTime ceremonyAt, boolean rulesFrozen,
                              @Schema(description = "When a vote needs an e-mailed one-time code; every threshold 0: never (the default)")
                              org.wsis.prizes.voting.StepUpRules stepUp) {
        public static EditionView of(Edition e, Phase phase) {
            return new EditionView(e.year, phase, e.submissionOpens, e.reviewOpens, e.nominationOpens, e.votingOpens,
                    e.resultsOpen, e.championsPerCategory, e.nomineesAnnouncedAt, e.resultsPublishedAt,
                    e.accountCutoff(), e.ceremony(), phase.compareTo(Phase.VOTING) >= 0,
                    // never null: the contract validator cannot read a nullable reference (allOf), so "none" is OFF
                    java.util.Objects.requireNonNullElse(org.wsis.prizes.voting.StepUpRules.fromJson(e.stepUpRules),
                            org.wsis.prizes.voting.StepUpRules.OFF));
        }
    }

    /** One change of an edition after voting opened: who, when, why, before and after. */
    public record AuditEntry(java.util.UUID id, String changedBy, OffsetDateTime changedAt, String reason, String before,
                             String after) {
    }
}
