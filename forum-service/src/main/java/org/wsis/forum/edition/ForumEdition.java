package org.wsis.forum.edition;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One yearly WSIS Forum. */
@Entity
@Table(name = "forum_edition")
public class ForumEdition extends PanacheEntityBase {
    /** How people attend: ONLINE and HYBRID allow remote participation ({@link #hybrid}). */
    public enum Format { IN_PERSON, HYBRID, ONLINE }

    public enum Status { SCHEDULED, CANCELLED }

    @Id
    public int year;
    public String title;
    @Column(name = "starts_on")
    public LocalDate startsOn;
    @Column(name = "ends_on")
    public LocalDate endsOn;
    public String venue;
    /** Remote participation allowed: follows {@link #format} (a CHECK keeps them together). */
    public boolean hybrid;
    @Enumerated(EnumType.STRING)
    public Format format;
    @Enumerated(EnumType.STRING)
    public Status status = Status.SCHEDULED;
    /** When the dates, venue or format last changed (null: never since created). */
    @Column(name = "changed_at")
    public OffsetDateTime changedAt;
    @Column(name = "cancellation_reason")
    public String cancellationReason;
    /** After it no new registration is taken (null: until the edition). */
    @Column(name = "registration_deadline")
    public OffsetDateTime registrationDeadline;
    /** In-person places: live (requested or approved) in-person registrations at most (null: unlimited). */
    public Integer capacity;
    @Version
    public int version;
    @Column(name = "created_by", updatable = false)
    public String createdBy;
    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;
}
