package org.wsis.stocktaking.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.privacy.Erasures;
import org.wsis.commons.privacy.PersonalDataHolder;
import org.wsis.commons.privacy.SubjectHash;
import org.wsis.stocktaking.entry.Entry;
import org.wsis.stocktaking.entry.EntryDtos;
import org.wsis.stocktaking.entry.EntryRevisions;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What stocktaking holds about a person (service-commons {@code privacy/}): the entries they own, with their
 * contact details and revisions. Erasure keeps each entry (a public record of a project, counted in the reports)
 * but removes the person from it: the contact name and e-mail are nulled (and no longer shown publicly), the
 * owner and the revisions' actor become a pseudonym ({@code erased:<random id>}, one per erasure, so the entries
 * stay together for moderators but lead to nobody), and the contact name, e-mail and subject are replaced by
 * {@code [erased]} in the entries' title and description and in every revision snapshot and comment.
 */
@ApplicationScoped
public class PersonalDataService implements PersonalDataHolder {
    private final EntityManager entityManager;
    private final EntryRevisions revisions;

    PersonalDataService(EntityManager entityManager, EntryRevisions revisions) {
        this.entityManager = entityManager;
        this.revisions = revisions;
    }

    public record EntryRecord(EntryDtos.EntryView entry, List<EntryDtos.RevisionView> revisions) {
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Object> export(String subject) {
        List<Entry> entries = Entry.list("ownerId = ?1 order by createdAt", subject);
        return Map.of("entries", entries.stream()
                .map(e -> new EntryRecord(EntryDtos.EntryView.of(e), revisions.history(e.id))).toList());
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Erased erase(String subjectHash) {
        Set<String> identifiers = new HashSet<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT owner_id, contact_name, contact_email FROM entry WHERE %s
                        UNION SELECT actor_id, NULL, NULL FROM entry_revision WHERE %s"""
                        .formatted(SubjectHash.matches("owner_id", 1), SubjectHash.matches("actor_id", 1)))
                .setParameter(1, subjectHash).getResultList();
        for (Object[] row : rows) {
            for (Object value : row) {
                if (value instanceof String text && text.strip().length() >= 3) { // shorter: not worth replacing in text
                    identifiers.add(text.strip());
                }
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (identifiers.isEmpty()) {
            return new Erased(counts, identifiers);
        }
        String pseudonym = "erased:" + UUID.randomUUID();
        // the snapshots and comments of the person's entries, and of any revision they made
        int snapshots = 0;
        for (String identifier : identifiers) {
            snapshots += entityManager.createNativeQuery("""
                            UPDATE entry_revision SET snapshot = CAST(replace(CAST(snapshot AS text), ?2, ?3) AS jsonb),
                                   comment = replace(comment, ?2, ?3)
                            WHERE (entry_id IN (SELECT id FROM entry WHERE %s) OR %s)
                              AND (strpos(CAST(snapshot AS text), ?2) > 0 OR strpos(comment, ?2) > 0)"""
                            .formatted(SubjectHash.matches("owner_id", 1), SubjectHash.matches("actor_id", 1)))
                    .setParameter(1, subjectHash).setParameter(2, jsonText(identifier)).setParameter(3, Erasures.ERASED)
                    .executeUpdate();
            entityManager.createNativeQuery("""
                            UPDATE entry SET title = replace(title, ?2, ?3), description = replace(description, ?2, ?3)
                            WHERE %s AND (strpos(title, ?2) > 0 OR strpos(description, ?2) > 0)"""
                            .formatted(SubjectHash.matches("owner_id", 1)))
                    .setParameter(1, subjectHash).setParameter(2, identifier).setParameter(3, Erasures.ERASED).executeUpdate();
            // the person's translations of their entries (issue 21): their text, and the subject as translatorId
            entityManager.createNativeQuery("""
                            UPDATE entry SET translations = CAST(replace(CAST(translations AS text), ?2, ?3) AS jsonb),
                                   pending_translations = CAST(replace(CAST(pending_translations AS text), ?2, ?3) AS jsonb)
                            WHERE %s AND (strpos(CAST(translations AS text), ?2) > 0 OR strpos(CAST(pending_translations AS text), ?2) > 0)"""
                            .formatted(SubjectHash.matches("owner_id", 1)))
                    .setParameter(1, subjectHash).setParameter(2, jsonText(identifier)).setParameter(3, Erasures.ERASED)
                    .executeUpdate();
        }
        counts.put("revisionSnapshots", snapshots);
        counts.put("revisionsPseudonymised", entityManager.createNativeQuery(
                        "UPDATE entry_revision SET actor_id = ?2 WHERE " + SubjectHash.matches("actor_id", 1))
                .setParameter(1, subjectHash).setParameter(2, pseudonym).executeUpdate());
        counts.put("entries", entityManager.createNativeQuery("""
                        UPDATE entry SET contact_name = NULL, contact_email = NULL, public_contact = false, owner_id = ?2,
                               version = version + 1
                        WHERE %s""".formatted(SubjectHash.matches("owner_id", 1)))
                .setParameter(1, subjectHash).setParameter(2, pseudonym).executeUpdate());
        return new Erased(counts, identifiers);
    }

    /** A text as it appears inside a JSON string (snapshots are jsonb): quotes and backslashes escaped. */
    static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
