package org.wsis.prizes.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A reviewer assigned to a submission, with their scores once given. */
@Entity
@Table(name = "review")
@IdClass(Review.Key.class)
public class Review extends PanacheEntityBase {
    public record Key(UUID submissionId, String reviewerId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "submission_id")
    public UUID submissionId;
    @Id
    @Column(name = "reviewer_id")
    public String reviewerId;
    @Column(name = "reviewer_organisation")
    public String reviewerOrganisation;
    @Column(name = "assigned_at")
    public OffsetDateTime assignedAt;
    public Integer impact;
    public Integer innovation;
    public Integer sustainability;
    public Integer replicability;
    @Column(name = "wsis_alignment")
    public Integer wsisAlignment;
    public String comment;
    @Column(name = "scored_at")
    public OffsetDateTime scoredAt;

    public Integer total() {
        return scoredAt == null ? null : impact + innovation + sustainability + replicability + wsisAlignment;
    }
}
