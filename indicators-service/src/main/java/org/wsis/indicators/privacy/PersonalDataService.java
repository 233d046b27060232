package org.wsis.indicators.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.privacy.PersonalDataHolder;
import org.wsis.commons.privacy.SubjectHash;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What indicators holds about a person (service-commons {@code privacy/}): measured, only the token subject of who
 * uploaded a batch (a statistician signed in as themselves; an agency's system uploads as its service account), who
 * published an IDI methodology, who defined or changed an indicator definition (each version's {@code changed_by})
 * and who gave a translation of an indicator definition ({@code translatorId}, issue 21). Indicator values, economies
 * and the copies of stocktaking entries and prize statistics name nobody. Erasure keeps every batch (an agency's data
 * and its provenance) and puts a pseudonym ({@code erased:<random id>}, one per erasure) in place of the uploader. A
 * published IDI methodology is immutable (a database trigger refuses any change) and names its publisher, a platform
 * admin acting in office, as the append-only audit log does: it is exported, not erased. So is a version of an
 * indicator definition: the version history is the record of who changed ITU's reference data, in office, like the
 * audit log. A translation stays (the text is ITU's reference data) and names the same pseudonym instead of its
 * translator.
 */
@ApplicationScoped
public class PersonalDataService implements PersonalDataHolder {
    private final EntityManager entityManager;

    PersonalDataService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public record BatchRecord(UUID id, String provider, String format, String status, OffsetDateTime receivedAt) {
    }

    public record MethodologyRecord(String id, int version, String name) {
    }

    public record TranslationRecord(String indicator, String language, String title) {
    }

    public record DefinitionVersionRecord(String indicator, int version, OffsetDateTime changedAt) {
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Object> export(String subject) {
        @SuppressWarnings("unchecked")
        List<Object[]> batches = entityManager.createNativeQuery(
                        "SELECT id, provider, format, status, received_at FROM batch WHERE submitted_by = ?1 ORDER BY received_at")
                .setParameter(1, subject).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> methodologies = entityManager.createNativeQuery(
                        "SELECT id, version, name FROM idi_methodology WHERE published_by = ?1 ORDER BY id, version")
                .setParameter(1, subject).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> translations = entityManager.createNativeQuery("""
                        SELECT i.code, t.key, t.value ->> 'title' FROM indicator i, jsonb_each(i.translations) AS t
                        WHERE t.value ->> 'translatorId' = ?1 ORDER BY i.code, t.key""")
                .setParameter(1, subject).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> versions = entityManager.createNativeQuery(
                        "SELECT code, version, changed_at FROM indicator_version WHERE changed_by = ?1 ORDER BY code, version")
                .setParameter(1, subject).getResultList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("batchesUploaded", batches.stream().map(b -> new BatchRecord((UUID) b[0], (String) b[1], (String) b[2],
                (String) b[3], time(b[4]))).toList());
        data.put("idiMethodologiesPublished", methodologies.stream()
                .map(m -> new MethodologyRecord((String) m[0], ((Number) m[1]).intValue(), (String) m[2])).toList());
        data.put("indicatorTranslationsGiven", translations.stream()
                .map(t -> new TranslationRecord((String) t[0], (String) t[1], (String) t[2])).toList());
        data.put("indicatorDefinitionVersions", versions.stream()
                .map(v -> new DefinitionVersionRecord((String) v[0], ((Number) v[1]).intValue(), time(v[2]))).toList());
        return data;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Erased erase(String subjectHash) {
        Set<String> identifiers = new HashSet<>();
        @SuppressWarnings("unchecked")
        List<String> subjects = entityManager.createNativeQuery("""
                        SELECT submitted_by FROM batch WHERE %s""".formatted(SubjectHash.matches("submitted_by", 1)))
                .setParameter(1, subjectHash).getResultList();
        identifiers.addAll(subjects);
        String pseudonym = "erased:" + UUID.randomUUID();
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("batches", entityManager.createNativeQuery("UPDATE batch SET submitted_by = ?2 WHERE " + SubjectHash.matches("submitted_by", 1))
                .setParameter(1, subjectHash).setParameter(2, pseudonym).executeUpdate());
        @SuppressWarnings("unchecked")
        List<String> translators = entityManager.createNativeQuery("""
                        SELECT DISTINCT t.value ->> 'translatorId' FROM indicator i, jsonb_each(i.translations) AS t WHERE %s"""
                        .formatted(SubjectHash.matches("t.value ->> 'translatorId'", 1)))
                .setParameter(1, subjectHash).getResultList();
        identifiers.addAll(translators);
        // each translation they gave names the pseudonym (the text stays: ITU's reference data)
        counts.put("indicatorTranslations", entityManager.createNativeQuery("""
                        UPDATE indicator SET translations = (SELECT jsonb_object_agg(t.key, CASE WHEN %s
                                THEN jsonb_set(t.value, '{translatorId}', to_jsonb(CAST(?2 AS text))) ELSE t.value END)
                            FROM jsonb_each(translations) AS t)
                        WHERE EXISTS (SELECT 1 FROM jsonb_each(translations) AS t WHERE %s)"""
                        .formatted(SubjectHash.matches("t.value ->> 'translatorId'", 1), SubjectHash.matches("t.value ->> 'translatorId'", 1)))
                .setParameter(1, subjectHash).setParameter(2, pseudonym).executeUpdate());
        return new Erased(counts, identifiers);
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
