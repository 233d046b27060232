package org.wsis.prizes.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hibernate.annotations.ColumnTransformer;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
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
    /**
     * Score per criterion field of the edition as a JSON object (null until scored). Kept as text here and
     * converted by {@link #scores()}: Quarkus' REST JSON settings are not meant for database columns.
     */
    @Column(name = "scores")
    @ColumnTransformer(write = "?::jsonb")
    public String scoresJson;
    public String comment;
    @Column(name = "scored_at")
    public OffsetDateTime scoredAt;

    public Integer total() {
        Map<String, Integer> scores = scores();
        return scoredAt == null || scores == null ? null : scores.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public Map<String, Integer> scores() {
        try {
            return scoresJson == null ? null : JSON.readValue(scoresJson, new TypeReference<LinkedHashMap<String, Integer>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable scores of review " + submissionId + "/" + reviewerId, e);
        }
    }

    public void scores(Map<String, Integer> scores) {
        try {
            scoresJson = scores == null ? null : JSON.writeValueAsString(scores);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
