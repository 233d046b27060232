package org.wsis.forum.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.time.ServiceClock;
import org.wsis.forum.proposal.ProposalResource;
import org.wsis.forum.proposal.SessionProposal;
import org.wsis.forum.registration.Registration;
import org.wsis.forum.registration.RegistrationDtos;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * What the forum holds about the caller, and its erasure: personal fields and the link to the person are
 * nulled, each registration row (status, attendance, stakeholder type, region, edition) and its sign-ups kept,
 * so every count stays the same.
 */
@ApplicationScoped
public class PersonalDataService {

    private final EntityManager entityManager;
    private final CurrentUser caller;

    private final Clock clock;

    public PersonalDataService(EntityManager entityManager, CurrentUser caller, Clock clock) {
        this.clock = clock;
        this.entityManager = entityManager;
        this.caller = caller;
    }

    public PersonalDataResource.PersonalData export() {
        String me = caller.subject();
        List<Registration> registrations = Registration.list("subjectId = ?1 order by registeredAt", me);
        @SuppressWarnings("unchecked")
        List<Object[]> signups = entityManager.createNativeQuery("""
                        SELECT s.id, s.session_id, f.title, s.registration_id, s.status, s.signed_up_at
                        FROM session_signup s JOIN registration r ON r.id = s.registration_id
                        JOIN forum_session f ON f.id = s.session_id
                        WHERE r.subject_id = ?1 ORDER BY s.id""")
                .setParameter(1, me).getResultList();
        List<SessionProposal> proposals = SessionProposal.list("proposerId = ?1 order by submittedAt", me);
        return new PersonalDataResource.PersonalData(me, ServiceClock.utcNow(clock),
                registrations.stream().map(RegistrationDtos.RegistrationView::of).toList(),
                signups.stream().map(r -> new PersonalDataResource.SignupRecord(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2],
                        (UUID) r[3], (String) r[4], toTime(r[5]))).toList(),
                proposals.stream().map(ProposalResource.ProposalView::of).toList());
    }

    @Transactional
    public PersonalDataResource.Erasure erase() {
        String me = caller.subject();
        OffsetDateTime now = ServiceClock.utcNow(clock);
        int registrations = entityManager.createNativeQuery("""
                        UPDATE registration SET subject_id = NULL, full_name = NULL, organisation = NULL, country = NULL,
                               accessibility_needs = NULL, consent_given_at = NULL, erased_at = ?2, updated_at = ?2,
                               version = version + 1
                        WHERE subject_id = ?1""")
                .setParameter(1, me).setParameter(2, now).executeUpdate();
        int proposals = entityManager.createNativeQuery("UPDATE session_proposal SET proposer_id = NULL WHERE proposer_id = ?1")
                .setParameter(1, me).executeUpdate();
        return new PersonalDataResource.Erasure(registrations, proposals, now);
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
