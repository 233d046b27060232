package org.wsis.forum.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One session on an edition's agenda. The seat counter is only changed by signup/SignupService. */
@Entity
@Table(name = "forum_session")
public class ForumSession extends PanacheEntityBase {
    public enum Status { SCHEDULED, CANCELLED }

    @Id
    public UUID id;
    @Column(name = "edition_year")
    public int editionYear;
    @Enumerated(EnumType.STRING)
    public SessionKind kind;
    public String title;
    public String description;
    public String track;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "action_lines")
    public List<String> actionLines;
    public String room;
    @Column(name = "online_link")
    public String onlineLink;
    @Column(name = "starts_at")
    public OffsetDateTime startsAt;
    @Column(name = "ends_at")
    public OffsetDateTime endsAt;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> speakers;
    public int capacity;
    @Column(name = "confirmed_count", insertable = false, updatable = false)
    public int confirmedCount;
    @Column(name = "proposal_id")
    public UUID proposalId;
    @Column(name = "created_by", updatable = false)
    public String createdBy;
    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;
    @Enumerated(EnumType.STRING)
    public Status status = Status.SCHEDULED;
    /** When its time or place last changed (null: never): sign-ups older than this are marked changed. */
    @Column(name = "changed_at")
    public OffsetDateTime changedAt;
    @Column(name = "cancellation_reason")
    public String cancellationReason;
    /** The UN language organizers wrote title and description in (migration V9; 'en' before). */
    public String language = "en";
    /** Title and description in other UN languages, by code (commons i18n/Translations); replaced whole on change. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "translations", nullable = false)
    public java.util.Map<String, org.wsis.commons.i18n.StoredTranslation> translations = new java.util.TreeMap<>();
    @Version
    public int version;
}
