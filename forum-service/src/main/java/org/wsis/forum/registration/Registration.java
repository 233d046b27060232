package org.wsis.forum.registration;

import org.wsis.commons.reference.StakeholderType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A participant's registration for an edition. Personal fields (subject, name, organisation,
 * country, accessibility needs, consent) are nulled on erasure; the rest stays for the counts.
 */
@Entity
@Table(name = "registration")
public class Registration extends PanacheEntityBase {
    /**
     * REQUESTED until an organizer decides (accreditation): APPROVED (a badge, on-site access) or REJECTED (with a
     * reason). CANCELLED: by the participant; CANCELLED_BY_ORGANIZER: the edition was cancelled.
     */
    public enum Status { REQUESTED, APPROVED, REJECTED, CANCELLED, CANCELLED_BY_ORGANIZER }

    /** The statuses of a live registration: one per person and edition; what programme changes reach and sessions accept. */
    public static final java.util.List<Status> LIVE = java.util.List.of(Status.REQUESTED, Status.APPROVED);
    public static final String LIVE_SQL = "('REQUESTED', 'APPROVED')";

    public enum Attendance { IN_PERSON, REMOTE }

    @Id
    public UUID id;
    @Column(name = "edition_year")
    public int editionYear;
    @Column(name = "subject_id")
    public String subjectId;
    @Enumerated(EnumType.STRING)
    public Attendance attendance;
    @Column(name = "full_name")
    public String fullName;
    public String organisation;
    @Enumerated(EnumType.STRING)
    @Column(name = "stakeholder_type")
    public StakeholderType stakeholderType;
    public String country;
    public String region;
    @Column(name = "accessibility_needs")
    public String accessibilityNeeds;
    @Column(name = "consent_given_at")
    public OffsetDateTime consentGivenAt;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "registered_at", updatable = false)
    public OffsetDateTime registeredAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;
    @Column(name = "checked_in_at")
    public OffsetDateTime checkedInAt;
    @Column(name = "checked_in_by")
    public String checkedInBy;
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
    /** The organizer who decided (their subject: an organizer's own erasure is not this service's to chase). */
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decision_reason")
    public String decisionReason;
    @Column(name = "erased_at")
    public OffsetDateTime erasedAt;
    @Version
    public int version;
}
