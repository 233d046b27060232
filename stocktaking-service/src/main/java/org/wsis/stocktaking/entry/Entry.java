package org.wsis.stocktaking.entry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.wsis.commons.i18n.StoredTranslation;
import java.util.TreeMap;
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

    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "contact_email")
    public String contactEmail;

    /** The owner's opt-in to show contactName and contactEmail to the public (off by default). */
    @Column(name = "public_contact")
    public boolean publicContact;

    @Column(name = "stakeholder_type")
    public String stakeholderType;

    /** ISO 3166-1 alpha-3 codes (since V9; the platform's canonical form). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> countries = List.of();

    /** ITU region codes (and INT, international scope): those chosen plus those of the countries. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> regions = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "sdg_targets")
    public List<String> sdgTargets = List.of();

    /** The goals of {@link #sdgTargets}, kept for filters, facets and reports. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<Integer> sdgs = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "target_groups")
    public List<String> targetGroups = List.of();

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "project_status")
    public ProjectStatus projectStatus;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> links = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> partners = List.of();

    /** One of the six UN languages (ar, zh, en, fr, ru, es); chooses the full-text search configuration. */
    public String language = "en";

    /** The year the entry counts for in the stocktaking reports: the year it was first published. */
    @Column(name = "stocktaking_year")
    public Integer stocktakingYear;

    @Column(name = "success_story")
    public boolean successStory;

    /** WINNER / CHAMPION / NOMINEE of any prize edition (details in {@link #prizes}). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "prize_outcomes")
    public List<String> prizeOutcomes = List.of();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "entry_prize", joinColumns = @JoinColumn(name = "entry_id"))
    @BatchSize(size = 100) // a listed page (up to 100 entries) loads all its prize rows in one query, not one per entry
    public Set<PrizeAward> prizes = new HashSet<>();

    /** The moderators' last request for changes, shown to the owner. */
    @Column(name = "return_comment")
    public String returnComment;

    /** The revision holding an edit of this published entry that awaits moderation; null if none. */
    @Column(name = "pending_revision")
    public Integer pendingRevision;

    /**
     * Approved translations of title and description by language code (not the original language): what the
     * public reads and search indexes (migration V12). Replaced whole on change, never mutated in place.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "translations", nullable = false)
    public Map<String, StoredTranslation> translations = new TreeMap<>();

    /** Translations of a published entry awaiting a moderator, by language code. Replaced whole on change. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "pending_translations", nullable = false)
    public Map<String, StoredTranslation> pendingTranslations = new TreeMap<>();

    /** Generated by the database: some translation awaits a moderator (the moderation queue's condition). */
    @Column(name = "translations_pending", insertable = false, updatable = false)
    public boolean translationsPending;

    @Version
    public long version;

    public boolean isOwnedBy(String subject) {
        return ownerId.equals(subject);
    }

    /** A prize result of prizes-service: this entry was a nominee, champion or winner of an edition. */
    @Embeddable
    public static class PrizeAward {
        public int edition;
        public String category;
        public String outcome;

        public PrizeAward() {
        }

        public PrizeAward(int edition, String category, String outcome) {
            this.edition = edition;
            this.category = category;
            this.outcome = outcome;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PrizeAward p && p.edition == edition && category.equals(p.category);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(edition, category);
        }
    }
}
