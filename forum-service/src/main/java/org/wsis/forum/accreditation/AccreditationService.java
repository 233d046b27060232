package org.wsis.forum.accreditation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.wsis.commons.audit.AuditLog;
import org.wsis.commons.events.Outbox;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.time.ServiceClock;
import org.wsis.forum.events.ForumEvents;
import org.wsis.forum.registration.Registration;
import org.wsis.forum.signup.SignupService;

import java.time.Clock;
import java.util.UUID;

/**
 * Accreditation: an organizer approves a REQUESTED registration (the badge follows) or rejects it with a reason (its
 * session sign-ups are cancelled, their seats go to the waitlists). Each request is decided once (409 after), under
 * the registration's row lock, audited with its reason, and announced (registration.confirmed.v2 or
 * registration.rejected.v1) in the same transaction.
 */
@ApplicationScoped
public class AccreditationService {
    private final CurrentUser caller;
    private final Clock clock;
    private final AuditLog audit;
    private final Outbox outbox;
    private final SignupService signups;

    public AccreditationService(CurrentUser caller, Clock clock, AuditLog audit, Outbox outbox, SignupService signups) {
        this.caller = caller;
        this.clock = clock;
        this.audit = audit;
        this.outbox = outbox;
        this.signups = signups;
    }

    @Transactional
    public Registration decide(UUID registrationId, boolean approve, String reason) {
        Registration registration = Registration.findById(registrationId, LockModeType.PESSIMISTIC_WRITE);
        if (registration == null) {
            throw ProblemException.notFound("Registration", registrationId);
        }
        if (registration.status != Registration.Status.REQUESTED) {
            throw ProblemException.conflict("The registration is " + registration.status + ": only a REQUESTED one is decided");
        }
        var before = AuditLog.state("status", registration.status, "attendance", registration.attendance,
                "stakeholderType", registration.stakeholderType, "editionYear", registration.editionYear);
        registration.status = approve ? Registration.Status.APPROVED : Registration.Status.REJECTED;
        registration.decidedAt = ServiceClock.utcNow(clock);
        registration.decidedBy = caller.subject();
        registration.decisionReason = reason;
        registration.updatedAt = registration.decidedAt;
        if (!approve) {
            signups.cancelAll(registration.id);
        }
        // the decision, never the person's name or organisation
        audit.record(approve ? "registration.approved" : "registration.rejected", "registration", registration.id, before,
                AuditLog.state("status", registration.status, "attendance", registration.attendance,
                        "stakeholderType", registration.stakeholderType, "editionYear", registration.editionYear), reason);
        if (approve) {
            outbox.publish(ForumEvents.REGISTRATIONS_TOPIC, registration.id.toString(), ForumEvents.REGISTRATION_CONFIRMED_V2,
                    new ForumEvents.RegistrationConfirmed(registration.id, registration.editionYear, registration.attendance.name(),
                            registration.stakeholderType.name(), registration.region, registration.decidedAt));
        } else {
            outbox.publish(ForumEvents.REGISTRATIONS_TOPIC, registration.id.toString(), ForumEvents.REGISTRATION_REJECTED_V1,
                    new ForumEvents.RegistrationRejected(registration.id, registration.editionYear, registration.decidedAt));
        }
        return registration;
    }
}
