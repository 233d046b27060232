package org.wsis.stocktaking.moderation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A moderator's internal note on an entry: moderators read it, the owner and the public never do. */
@Entity
@Table(name = "entry_moderator_note")
public class ModeratorNote extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "entry_id", nullable = false)
    public UUID entryId;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Column(nullable = false)
    public String text;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
