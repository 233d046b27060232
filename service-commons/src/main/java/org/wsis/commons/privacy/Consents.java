package org.wsis.commons.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.wsis.commons.time.ServiceClock;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Consent, one mechanism for every service: where a service collects personal data (a forum registration, an entry's
 * contact person, a prize vote or submission) it records, in the same transaction, what the person agreed to
 * ({@code purpose}), which version of the notice, and when. Recording the same purpose and version again changes
 * nothing (the first time stands), unless the person had withdrawn it: then it is given again, from now. A person
 * withdraws a consent ({@link #withdraw}, {@code POST /api/v1/me/consents/{purpose}/withdrawal}): the record keeps
 * when, and each {@link PersonalDataHolder} does what withdrawing that purpose means in its service
 * ({@link PersonalDataHolder#consentWithdrawn}). The records are part of the person's export and go with their erasure.
 */
@ApplicationScoped
public class Consents {
    private final EntityManager entityManager;
    private final Clock clock;
    private final String noticeVersion;

    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    Consents(EntityManager entityManager, Clock clock, com.fasterxml.jackson.databind.ObjectMapper mapper,
             @ConfigProperty(name = "wsis.privacy.notice-version") String noticeVersion) {
        this.mapper = mapper;
        this.entityManager = entityManager;
        this.clock = clock;
        this.noticeVersion = noticeVersion;
    }

    public record Consent(String purpose, String version, OffsetDateTime givenAt,
                          @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true,
                                  description = "When the person withdrew it; null while it stands") OffsetDateTime withdrawnAt) {
    }

    /** Consent to {@code purpose} (e.g. {@code forum.registration}) under the current notice ({@code wsis.privacy.notice-version}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String subject, String purpose) {
        record(subject, purpose, noticeVersion);
    }

    /** @param version the notice's version the person saw, e.g. {@code 2026-01} */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String subject, String purpose, String version) {
        entityManager.createNativeQuery("""
                        INSERT INTO consent_record (subject_id, purpose, version, given_at) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (subject_id, purpose, version) DO UPDATE SET given_at = EXCLUDED.given_at, withdrawn_at = NULL
                        WHERE consent_record.withdrawn_at IS NOT NULL""")
                .setParameter(1, subject).setParameter(2, purpose).setParameter(3, version)
                .setParameter(4, ServiceClock.utcNow(clock)).executeUpdate();
    }

    /** The same consent of many people at once (a batch of votes), in one statement (each person once: DO UPDATE may touch a row only once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(java.util.Collection<String> subjects, String purpose) {
        if (subjects.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("""
                        INSERT INTO consent_record (subject_id, purpose, version, given_at)
                        SELECT s, ?2, ?3, ?4 FROM (SELECT DISTINCT s FROM jsonb_array_elements_text(CAST(?1 AS jsonb)) AS s) AS subjects
                        ON CONFLICT (subject_id, purpose, version) DO UPDATE SET given_at = EXCLUDED.given_at, withdrawn_at = NULL
                        WHERE consent_record.withdrawn_at IS NOT NULL""")
                .setParameter(1, json(subjects)).setParameter(2, purpose).setParameter(3, noticeVersion)
                .setParameter(4, ServiceClock.utcNow(clock)).executeUpdate();
    }

    private String json(java.util.Collection<String> subjects) {
        try {
            return mapper.writeValueAsString(subjects);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Consent> of(String subject) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT purpose, version, given_at, withdrawn_at FROM consent_record WHERE subject_id = ?1 ORDER BY given_at, id")
                .setParameter(1, subject).getResultList();
        return rows.stream().map(Consents::consent).toList();
    }

    /**
     * Withdraws every standing consent of the person to {@code purpose} (all notice versions), now; idempotent: a
     * consent already withdrawn keeps its time. The holders are told only when something was withdrawn.
     *
     * @return the person's records of that purpose, withdrawn; empty when they never gave that consent
     */
    @Transactional
    public List<Consent> withdraw(String subject, String purpose, Iterable<PersonalDataHolder> holders) {
        int withdrawn = entityManager.createNativeQuery("""
                        UPDATE consent_record SET withdrawn_at = ?3 WHERE subject_id = ?1 AND purpose = ?2 AND withdrawn_at IS NULL""")
                .setParameter(1, subject).setParameter(2, purpose).setParameter(3, ServiceClock.utcNow(clock)).executeUpdate();
        if (withdrawn > 0) {
            holders.forEach(holder -> holder.consentWithdrawn(subject, purpose));
        }
        return of(subject).stream().filter(consent -> consent.purpose().equals(purpose)).toList();
    }

    private static Consent consent(Object[] row) {
        return new Consent((String) row[0], (String) row[1], Erasures.time(row[2]), row[3] == null ? null : Erasures.time(row[3]));
    }
}
