package org.wsis.prizes.edition;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.OffsetDateTime;

/** One yearly edition of the contest with its phase dates (each phase lasts until the next starts). */
@Entity
@Table(name = "edition")
public class Edition extends PanacheEntityBase {
    @Id
    public int year;
    @Column(name = "submission_opens")
    public OffsetDateTime submissionOpens;
    @Column(name = "review_opens")
    public OffsetDateTime reviewOpens;
    @Column(name = "nomination_opens")
    public OffsetDateTime nominationOpens;
    @Column(name = "voting_opens")
    public OffsetDateTime votingOpens;
    @Column(name = "results_open")
    public OffsetDateTime resultsOpen;
    @Column(name = "champions_per_category")
    public int championsPerCategory;
    @Column(name = "nominees_announced_at")
    public OffsetDateTime nomineesAnnouncedAt;
    @Column(name = "results_published_at")
    public OffsetDateTime resultsPublishedAt;
    /** Voters' accounts must have been created before this (null: the opening of voting). */
    @Column(name = "voter_accounts_before")
    public OffsetDateTime voterAccountsBefore;
    /** The ceremony: results are embargoed until then (null: the opening of the results phase). */
    @Column(name = "ceremony_at")
    public OffsetDateTime ceremonyAt;
    @Column(name = "results_announced_at")
    public OffsetDateTime resultsAnnouncedAt;
    /** This edition's detection rules as JSON (null: the service's defaults). */
    @Column(name = "screening_rules")
    public String screeningRules;
    /** When a vote needs the e-mailed one-time code, as JSON (voting/StepUpRules; null: never, the default). */
    @Column(name = "step_up_rules")
    public String stepUpRules;
    @Version
    public long version;

    public OffsetDateTime accountCutoff() {
        return voterAccountsBefore != null ? voterAccountsBefore : votingOpens;
    }

    public OffsetDateTime ceremony() {
        return ceremonyAt != null ? ceremonyAt : resultsOpen;
    }

    /** Results are public only once published AND the ceremony has begun. */
    public boolean resultsPublicAt(Instant now) {
        return resultsPublishedAt != null && !now.isBefore(ceremony().toInstant());
    }

    public Phase phaseAt(Instant now) {
        if (now.isBefore(submissionOpens.toInstant())) {
            return Phase.NOT_STARTED;
        } else if (now.isBefore(reviewOpens.toInstant())) {
            return Phase.SUBMISSION;
        } else if (now.isBefore(nominationOpens.toInstant())) {
            return Phase.REVIEW;
        } else if (now.isBefore(votingOpens.toInstant())) {
            return Phase.NOMINATION;
        } else if (now.isBefore(resultsOpen.toInstant())) {
            return Phase.VOTING;
        }
        return Phase.RESULTS;
    }
}
