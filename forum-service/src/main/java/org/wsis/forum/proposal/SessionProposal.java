package org.wsis.forum.proposal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.wsis.commons.i18n.StoredTranslation;
import org.wsis.forum.session.SessionKind;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** A proposal answering an edition's call for sessions. */
@Entity
@Table(name = "session_proposal")
public class SessionProposal extends PanacheEntityBase {
    public enum Status { SUBMITTED, ACCEPTED, DECLINED }

    @Id
    public UUID id;
    @Column(name = "edition_year")
    public int editionYear;
    @Column(name = "proposer_id")
    public String proposerId;
    @Enumerated(EnumType.STRING)
    public SessionKind kind;
    public String title;
    public String description;
    public String track;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "action_lines")
    public List<String> actionLines;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> speakers;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "decline_reason")
    public String declineReason;
    @Column(name = "reviewed_by")
    public String reviewedBy;
    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;
    /** The UN language the proposer wrote title and description in (migration V10; 'en' before and by default). */
    public String language = "en";
    /** The proposer's own title and description in other UN languages (origin OWNER), by code; the session's when accepted. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "translations", nullable = false)
    public Map<String, StoredTranslation> translations = new TreeMap<>();
}
