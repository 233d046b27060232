package org.wsis.forum.badge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.wsis.commons.audit.AuditLog;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.time.ServiceClock;
import org.wsis.forum.registration.Registration;
import org.wsis.forum.session.SessionService;

import java.time.Clock;
import java.util.UUID;

/** The rules of check-in: a genuine badge of this edition, a confirmed in-person registration, recorded once. */
@ApplicationScoped
public class CheckInService {
    private final BadgeCodes badges;
    private final CurrentUser caller;
    private final Clock clock;
    private final AuditLog audit;

    public CheckInService(BadgeCodes badges, CurrentUser caller, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.badges = badges;
        this.caller = caller;
        this.clock = clock;
    }

    @Transactional
    public CheckInResource.CheckIn checkIn(int year, String code) {
        SessionService.requireEdition(year);
        UUID registrationId = badges.registrationOf(code)
                .orElseThrow(() -> ProblemException.invalid("code", "not a badge code"));
        // locked, so two scanners scanning the same badge at once record one check-in
        Registration registration = Registration.findById(registrationId, LockModeType.PESSIMISTIC_WRITE);
        if (registration == null || !badges.verify(code, registrationId, registration.editionYear)) {
            throw ProblemException.invalid("code", "the badge code is not valid");
        }
        if (registration.editionYear != year) {
            throw ProblemException.conflict("The badge is for the " + registration.editionYear + " forum, not " + year);
        }
        if (registration.status != Registration.Status.APPROVED) {
            throw ProblemException.conflict(registration.status == Registration.Status.REQUESTED || registration.status == Registration.Status.REJECTED
                    ? "The registration is not accredited (" + registration.status + ")" : "The registration was cancelled");
        }
        if (registration.attendance != Registration.Attendance.IN_PERSON) {
            throw ProblemException.conflict("The registration is for remote participation");
        }
        if (registration.checkedInAt == null) {
            // stored at PostgreSQL precision, so every later scan answers exactly the same instant
            registration.checkedInAt = ServiceClock.utcNow(clock);
            registration.checkedInBy = caller.subject();
            // audited once, when it happens (a second scan changes nothing); no name, no badge code
            audit.record("registration.checked-in", "registration", registration.id, AuditLog.state("checkedInAt", null),
                    AuditLog.state("checkedInAt", registration.checkedInAt), null);
        }
        return new CheckInResource.CheckIn(registration.id, year, registration.fullName, registration.organisation,
                registration.checkedInAt);
    }

    /**
     * Check-in at a session's door: a genuine badge of the session's edition, an approved in-person registration and a
     * confirmed seat in this session. Recorded once on the sign-up (a second scan answers the same instant), audited once.
     */
    @Transactional
    public SessionCheckInResource.SessionCheckIn checkInSession(UUID sessionId, String code) {
        org.wsis.forum.session.ForumSession session = SessionService.requireSession(sessionId);
        if (session.status == org.wsis.forum.session.ForumSession.Status.CANCELLED) {
            throw ProblemException.conflict("The session was cancelled");
        }
        UUID registrationId = badges.registrationOf(code)
                .orElseThrow(() -> ProblemException.invalid("code", "not a badge code"));
        // locked, so two scanners at the door record one check-in
        Registration registration = Registration.findById(registrationId, LockModeType.PESSIMISTIC_WRITE);
        if (registration == null || !badges.verify(code, registrationId, registration.editionYear)) {
            throw ProblemException.invalid("code", "the badge code is not valid");
        }
        if (registration.editionYear != session.editionYear) {
            throw ProblemException.conflict("The badge is for the " + registration.editionYear + " forum, not " + session.editionYear);
        }
        if (registration.status != Registration.Status.APPROVED || registration.attendance != Registration.Attendance.IN_PERSON) {
            throw ProblemException.conflict("The registration is not an approved in-person one (" + registration.status + ", "
                    + registration.attendance + ")");
        }
        var em = Registration.getEntityManager();
        java.util.List<?> seat = em.createNativeQuery(
                        "SELECT id, checked_in_at FROM session_signup WHERE session_id = ?1 AND registration_id = ?2 AND status = 'CONFIRMED'")
                .setParameter(1, sessionId).setParameter(2, registrationId).getResultList();
        if (seat.isEmpty()) {
            throw ProblemException.conflict("The participant has no confirmed seat in this session");
        }
        Object[] row = (Object[]) seat.get(0);
        long signupId = ((Number) row[0]).longValue();
        java.time.OffsetDateTime checkedInAt = org.wsis.forum.signup.SignupService.toOffsetUtc(row[1]);
        if (checkedInAt == null) {
            checkedInAt = ServiceClock.utcNow(clock);
            em.createNativeQuery("UPDATE session_signup SET checked_in_at = ?2, checked_in_by = ?3 WHERE id = ?1")
                    .setParameter(1, signupId).setParameter(2, checkedInAt).setParameter(3, caller.subject()).executeUpdate();
            audit.record("signup.checked-in", "session", sessionId, AuditLog.state("registrationId", registrationId, "checkedInAt", null),
                    AuditLog.state("registrationId", registrationId, "checkedInAt", checkedInAt), null);
        }
        return new SessionCheckInResource.SessionCheckIn(registrationId, sessionId, registration.fullName, registration.organisation,
                checkedInAt);
    }
}
