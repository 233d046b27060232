package org.wsis.forum.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.privacy.Erasures;
import org.wsis.commons.privacy.PersonalDataHolder;
import org.wsis.commons.privacy.SubjectHash;
import org.wsis.commons.time.ServiceClock;
import org.wsis.forum.proposal.ProposalResource;
import org.wsis.forum.proposal.SessionProposal;
import org.wsis.forum.registration.Registration;
import org.wsis.forum.registration.RegistrationDtos;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the forum holds about a person (service-commons {@code privacy/}: the export and the platform-wide
 * erasure). Erasure nulls a registration's personal fields and its link to the person but keeps the row (status,
 * attendance, stakeholder type, region, edition) and its sign-ups, so every count stays the same; it unlinks the
 * person's session proposals and pseudonymises what they wrote there (and in the sessions made of them): their
 * registered names and every e-mail address in the title, description, speakers and translations become
 * {@code [erased]}, as does their subject as the translator of their own translations.
 * Erasure cancels nothing: cancel first to free seats.
 */
@ApplicationScoped
public class PersonalDataService implements PersonalDataHolder {
    /** An e-mail address in free text (PostgreSQL ARE), pseudonymised in what the person wrote. */
    static final String EMAIL = "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}";

    public record SignupRecord(long id, UUID sessionId, String sessionTitle, UUID registrationId, String status,
                               OffsetDateTime signedUpAt) {
    }

    /**
     * The {@code translations} (jsonb by language, commons i18n) of a proposal or session with the person's names and
     * e-mail addresses ({@code ?2}) replaced by {@code ?3} in every title and description, and the person (subject
     * hash {@code ?1}) no longer the translatorId of what they wrote themselves (a proposal's OWNER translations,
     * which its session keeps).
     */
    static final String TRANSLATIONS_PSEUDONYMISED = """
            COALESCE((SELECT jsonb_object_agg(t.key, t.value || jsonb_strip_nulls(jsonb_build_object(
                    'title', regexp_replace(t.value ->> 'title', ?2, ?3, 'gi'),
                    'description', regexp_replace(t.value ->> 'description', ?2, ?3, 'gi'),
                    'translatorId', CASE WHEN %s THEN CAST(?3 AS text) END)))
                FROM jsonb_each(translations) AS t), '{}'::jsonb)""".formatted(SubjectHash.matches("t.value ->> 'translatorId'", 1));

    private final EntityManager entityManager;
    private final Clock clock;

    public PersonalDataService(EntityManager entityManager, Clock clock) {
        this.clock = clock;
        this.entityManager = entityManager;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Object> export(String me) {
        List<Registration> registrations = Registration.list("subjectId = ?1 order by registeredAt", me);
        @SuppressWarnings("unchecked")
        List<Object[]> signups = entityManager.createNativeQuery("""
                        SELECT s.id, s.session_id, f.title, s.registration_id, s.status, s.signed_up_at
                        FROM session_signup s JOIN registration r ON r.id = s.registration_id
                        JOIN forum_session f ON f.id = s.session_id
                        WHERE r.subject_id = ?1 ORDER BY s.id""")
                .setParameter(1, me).getResultList();
        List<SessionProposal> proposals = SessionProposal.list("proposerId = ?1 order by submittedAt", me);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("registrations", registrations.stream().map(RegistrationDtos.RegistrationView::of).toList());
        data.put("sessionSignups", signups.stream().map(r -> new SignupRecord(((Number) r[0]).longValue(), (UUID) r[1],
                (String) r[2], (UUID) r[3], (String) r[4], toTime(r[5]))).toList());
        data.put("proposals", proposals.stream().map(ProposalResource.ProposalView::of).toList());
        return data;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Erased erase(String subjectHash) {
        OffsetDateTime now = ServiceClock.utcNow(clock);
        Set<String> identifiers = new HashSet<>();
        Set<String> names = new HashSet<>();
        @SuppressWarnings("unchecked")
        List<Object[]> people = entityManager.createNativeQuery("""
                        SELECT subject_id, full_name FROM registration WHERE %s
                        UNION SELECT proposer_id, NULL FROM session_proposal WHERE %s"""
                        .formatted(SubjectHash.matches("subject_id", 1), SubjectHash.matches("proposer_id", 1)))
                .setParameter(1, subjectHash).getResultList();
        for (Object[] person : people) {
            identifiers.add((String) person[0]);
            if (person[1] != null && !((String) person[1]).isBlank()) {
                names.add(((String) person[1]).strip());
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        // what they wrote first, while their proposals still name them as proposer
        identifiers.addAll(names);
        String namesOrEmails = names.stream().map(PersonalDataService::regexLiteral)
                .reduce((a, b) -> a + "|" + b).map(alternatives -> "(" + alternatives + ")|" + EMAIL).orElse(EMAIL);
        counts.put("sessionsPseudonymised", entityManager.createNativeQuery("""
                        UPDATE forum_session SET title = regexp_replace(title, ?2, ?3, 'gi'),
                               description = regexp_replace(description, ?2, ?3, 'gi'),
                               speakers = ARRAY(SELECT regexp_replace(s, ?2, ?3, 'gi') FROM unnest(speakers) AS s),
                               -- the session's translations (issue 21) name them as its text does
                               translations = %s
                        WHERE proposal_id IN (SELECT id FROM session_proposal WHERE %s)"""
                        .formatted(TRANSLATIONS_PSEUDONYMISED, SubjectHash.matches("proposer_id", 1)))
                .setParameter(1, subjectHash).setParameter(2, namesOrEmails).setParameter(3, Erasures.ERASED).executeUpdate());
        counts.put("proposalsPseudonymised", entityManager.createNativeQuery("""
                        UPDATE session_proposal SET proposer_id = NULL, title = regexp_replace(title, ?2, ?3, 'gi'),
                               description = regexp_replace(description, ?2, ?3, 'gi'),
                               speakers = ARRAY(SELECT regexp_replace(s, ?2, ?3, 'gi') FROM unnest(speakers) AS s),
                               translations = %s
                        WHERE %s""".formatted(TRANSLATIONS_PSEUDONYMISED, SubjectHash.matches("proposer_id", 1)))
                .setParameter(1, subjectHash).setParameter(2, namesOrEmails).setParameter(3, Erasures.ERASED).executeUpdate());
        counts.put("registrations", entityManager.createNativeQuery("""
                        UPDATE registration SET subject_id = NULL, full_name = NULL, organisation = NULL, country = NULL,
                               accessibility_needs = NULL, consent_given_at = NULL, erased_at = ?2, updated_at = ?2,
                               version = version + 1
                        WHERE %s""".formatted(SubjectHash.matches("subject_id", 1)))
                .setParameter(1, subjectHash).setParameter(2, now).executeUpdate());
        return new Erased(counts, identifiers);
    }

    /** {@code text} matched literally inside a PostgreSQL regular expression. */
    static String regexLiteral(String text) {
        return text.replaceAll("([\\\\.\\[\\]{}()*+?^$|-])", "\\\\$1");
    }

    private static OffsetDateTime toTime(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
