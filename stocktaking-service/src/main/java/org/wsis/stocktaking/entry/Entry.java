package org.wsis.stocktaking.entry;

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

/** A project or initiative in the stocktaking database. */
@Entity
@Table(name = "entry")
public class Entry extends PanacheEntityBase {
    @Id
    public UUID id;

    /** Token subject of the owner; only they may edit their drafts. */
    @Column(name = "owner_id", nullable = false, updatable = false)
    public String ownerId;

    public String title;
    public String description;
    public String organisation;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "action_lines")
    public List<String> actionLines;

    @Enumerated(EnumType.STRING)
    public EntryStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Version
    public long version;

    public boolean isOwnedBy(String subject) {
        return ownerId.equals(subject);
    }
}
