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
        if (registration.status != Registration.Status.CONFIRMED) {
            throw ProblemException.conflict("The registration was cancelled");
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
}
