package org.wsis.prizes.submission;

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

/** An owner's published stocktaking entry, submitted to one category of one edition. */
@Entity
@Table(name = "submission")
public class Submission extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "edition_year")
    public int editionYear;
    @Column(name = "entry_id")
    public UUID entryId;
    public String category;
    @Column(name = "owner_id")
    public String ownerId;
    public String organisation;
    public String title;
    public String summary;
    @Enumerated(EnumType.STRING)
    public SubmissionStatus status;
    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;
}
