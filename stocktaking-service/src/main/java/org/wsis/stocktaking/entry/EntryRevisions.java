package org.wsis.stocktaking.entry;

import java.time.Clock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The revision history of entries: every change, with who made it, when, and the content after it.
 * Written in the transaction of the change itself.
 */
@ApplicationScoped
public class EntryRevisions {
    /** What a revision records. */
    public enum Action {
        CREATED, UPDATED, SUBMITTED, PUBLISHED, RETURNED, ARCHIVED,
        /** the owner edited a published entry: the edit waits for moderation, the public sees the old content */
        CHANGE_PROPOSED, CHANGE_PUBLISHED, CHANGE_RETURNED,
        SUCCESS_STORY_MARKED, SUCCESS_STORY_UNMARKED,
        /** a moderator brought an archived entry back to its owner (as RETURNED) */
        RESTORED,
        /** translations (issue 21): given in place (draft, returned), or proposed for a published entry and decided */
        TRANSLATED, TRANSLATION_PROPOSED, TRANSLATION_PUBLISHED, TRANSLATION_RETURNED
    }

    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    private final Clock clock;

    public EntryRevisions(EntityManager entityManager, ObjectMapper mapper, Clock clock) {
        this.clock = clock;
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    /** Records the entry's current content. @return the revision number */
    @Transactional(Transactional.TxType.MANDATORY)
    public int record(Entry entry, Action action, String actorId, String comment) {
        return record(entry, EntryDtos.NewEntry.of(entry), action, actorId, comment);
    }

    /** Records the given content (an edit not applied yet). @return the revision number */
    @Transactional(Transactional.TxType.MANDATORY)
    public int record(Entry entry, EntryDtos.NewEntry content, Action action, String actorId, String comment) {
        int revision = ((Number) entityManager.createNativeQuery(
                        "SELECT COALESCE(MAX(revision), 0) + 1 FROM entry_revision WHERE entry_id = ?1")
                .setParameter(1, entry.id).getSingleResult()).intValue();
        entityManager.createNativeQuery("""
                        INSERT INTO entry_revision (entry_id, revision, action, status, snapshot, comment, actor_id, created_at)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6, ?7, ?8)""")
                .setParameter(1, entry.id).setParameter(2, revision).setParameter(3, action.name())
                .setParameter(4, entry.status.name()).setParameter(5, json(content)).setParameter(6, comment)
                .setParameter(7, actorId).setParameter(8, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .executeUpdate();
        return revision;
    }

    /** The content recorded in one revision. */
    public EntryDtos.NewEntry content(UUID entryId, int revision) {
        String snapshot = (String) entityManager.createNativeQuery(
                        "SELECT CAST(snapshot AS text) FROM entry_revision WHERE entry_id = ?1 AND revision = ?2")
                .setParameter(1, entryId).setParameter(2, revision).getSingleResult();
        return parse(snapshot);
    }

    @SuppressWarnings("unchecked")
    public List<EntryDtos.RevisionView> history(UUID entryId) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT revision, action, status, actor_id, created_at, comment, CAST(snapshot AS text)
                        FROM entry_revision WHERE entry_id = ?1 ORDER BY revision""")
                .setParameter(1, entryId).getResultList();
        return rows.stream().map(row -> new EntryDtos.RevisionView(((Number) row[0]).intValue(), (String) row[1],
                EntryStatus.valueOf((String) row[2]), (String) row[3], toOffsetDateTime(row[4]), (String) row[5],
                parse((String) row[6]))).toList();
    }

    private static OffsetDateTime toOffsetDateTime(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }

    private String json(EntryDtos.NewEntry content) {
        try {
            return mapper.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("entry content is not serialisable", e);
        }
    }

    private EntryDtos.NewEntry parse(String snapshot) {
        try {
            return mapper.readValue(snapshot, EntryDtos.NewEntry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable revision snapshot", e);
        }
    }
}
