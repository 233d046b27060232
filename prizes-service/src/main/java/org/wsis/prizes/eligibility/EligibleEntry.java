package org.wsis.prizes.eligibility;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A published stocktaking entry, as learnt from stocktaking's events: it may be submitted to a prize. */
@Entity
@Table(name = "eligible_entry")
public class EligibleEntry extends PanacheEntityBase {
    @Id
    @Column(name = "entry_id")
    public UUID entryId;

    @Column(name = "owner_id")
    public String ownerId;

    public String title;
    public String organisation;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "action_lines")
    public List<String> actionLines;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    /** The entry's stakeholder type and ITU regions (INT included), for the prize statistics; null / empty when not given. */
    @Column(name = "stakeholder_type")
    public String stakeholderType;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> regions;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;

    /** Set by stocktaking's entry.withdrawn.v1: the entry can no longer be submitted. */
    @Column(name = "withdrawn_at")
    public OffsetDateTime withdrawnAt;
}
