package org.wsis.prizes.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.privacy.PersonalDataHolder;
import org.wsis.commons.privacy.SubjectHash;
import org.wsis.prizes.submission.Submission;
import org.wsis.prizes.submission.SubmissionDtos;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What prizes holds about a person (service-commons {@code privacy/}): their submissions, votes, the eligible
 * entries copied from stocktaking in their name, their reviewer profile. Erasure keeps every vote, submission and
 * tally (the contest's counts and the published ledger stay exactly as they were) but names the person only by a
 * pseudonym ({@code erased:<random id>}, one per erasure, so one voter's votes still belong together for the
 * screening rules): votes lose their audit signals (address, device, account age, e-mail domain) as after their
 * retention, step-up codes are deleted, a reviewer's user name and display name are nulled.
 */
@ApplicationScoped
public class PersonalDataService implements PersonalDataHolder {
    private final EntityManager entityManager;

    PersonalDataService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public record VoteRecord(int edition, String category, UUID submissionId, OffsetDateTime castAt, String status) {
    }

    public record EligibleEntryRecord(UUID entryId, String title, String organisation) {
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Object> export(String subject) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Submission> submissions = Submission.list("ownerId = ?1 order by submittedAt", subject);
        data.put("submissions", submissions.stream().map(SubmissionDtos.SubmissionView::of).toList());
        @SuppressWarnings("unchecked")
        List<Object[]> votes = entityManager.createNativeQuery("""
                        SELECT edition_year, category, submission_id, cast_at, status FROM vote WHERE voter_id = ?1
                        ORDER BY edition_year, category""").setParameter(1, subject).getResultList();
        data.put("votes", votes.stream().map(v -> new VoteRecord(((Number) v[0]).intValue(), (String) v[1], (UUID) v[2],
                time(v[3]), (String) v[4])).toList());
        @SuppressWarnings("unchecked")
        List<Object[]> entries = entityManager.createNativeQuery(
                        "SELECT entry_id, title, organisation FROM eligible_entry WHERE owner_id = ?1 ORDER BY published_at")
                .setParameter(1, subject).getResultList();
        data.put("eligibleEntries", entries.stream().map(e -> new EligibleEntryRecord((UUID) e[0], (String) e[1], (String) e[2])).toList());
        return data;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Erased erase(String subjectHash) {
        Set<String> identifiers = new HashSet<>();
        @SuppressWarnings("unchecked")
        List<String> subjects = entityManager.createNativeQuery("""
                        SELECT voter_id FROM vote WHERE %1$s UNION SELECT owner_id FROM submission WHERE %2$s
                        UNION SELECT owner_id FROM eligible_entry WHERE %3$s UNION SELECT voter_id FROM vote_step_up WHERE %4$s"""
                        .formatted(SubjectHash.matches("voter_id", 1), SubjectHash.matches("owner_id", 1),
                                SubjectHash.matches("owner_id", 1), SubjectHash.matches("voter_id", 1)))
                .setParameter(1, subjectHash).getResultList();
        identifiers.addAll(subjects);
        @SuppressWarnings("unchecked")
        List<Object[]> reviewer = entityManager.createNativeQuery(
                        "SELECT username, display_name FROM prize_reviewer WHERE " + SubjectHash.matches("user_id", 1))
                .setParameter(1, subjectHash).getResultList();
        reviewer.forEach(r -> {
            for (Object name : r) {
                if (name instanceof String text && text.strip().length() >= 3) {
                    identifiers.add(text.strip());
                }
            }
        });
        Map<String, Integer> counts = new LinkedHashMap<>();
        String pseudonym = "erased:" + UUID.randomUUID();
        counts.put("votes", update("""
                UPDATE vote SET voter_id = ?2, client_address = NULL, device_hash = NULL, account_created_at = NULL,
                       email_domain = NULL, signals_erased = true WHERE %s""", "voter_id", subjectHash, pseudonym));
        update("UPDATE vote_decision SET voter_id = ?2 WHERE %s", "voter_id", subjectHash, pseudonym);
        update("UPDATE voter_screening SET voter_id = ?2, account_created_at = NULL WHERE %s", "voter_id", subjectHash, pseudonym);
        counts.put("stepUpCodes", entityManager.createNativeQuery("DELETE FROM vote_step_up WHERE " + SubjectHash.matches("voter_id", 1))
                .setParameter(1, subjectHash).executeUpdate());
        counts.put("submissions", update("UPDATE submission SET owner_id = ?2, version = version + 1 WHERE %s", "owner_id", subjectHash, pseudonym));
        counts.put("eligibleEntries", update("UPDATE eligible_entry SET owner_id = ?2 WHERE %s", "owner_id", subjectHash, pseudonym));
        counts.put("reviewerProfiles", update("UPDATE prize_reviewer SET username = NULL, display_name = NULL WHERE %s",
                "user_id", subjectHash, null));
        return new Erased(counts, identifiers);
    }

    private int update(String sql, String column, String subjectHash, String pseudonym) {
        var query = entityManager.createNativeQuery(sql.formatted(SubjectHash.matches(column, 1))).setParameter(1, subjectHash);
        if (pseudonym != null) {
            query.setParameter(2, pseudonym);
        }
        return query.executeUpdate();
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
