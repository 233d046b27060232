package org.wsis.forum.registration;

import java.time.Clock;
import org.wsis.commons.time.ServiceClock;
import org.wsis.commons.reference.Countries;
import org.wsis.commons.reference.Country;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.wsis.commons.events.Outbox;
import org.wsis.commons.privacy.Consents;
import org.wsis.commons.problem.ProblemException;
import org.wsis.forum.edition.ForumEdition;
import org.wsis.forum.events.ForumEvents;
import org.wsis.forum.session.SessionService;
import org.wsis.forum.signup.SignupService;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Registration for an edition: register, update, cancel; events through the outbox. */
@ApplicationScoped
public class RegistrationService {
    private final Outbox outbox;
    private final SignupService signups;

    private final Clock clock;

    /** What a participant agrees to when registering (the consent record's purpose). */
    public static final String CONSENT_PURPOSE = "forum.registration";
    private final Consents consents;

    public RegistrationService(Outbox outbox, SignupService signups, Clock clock, Consents consents) {
        this.consents = consents;
        this.clock = clock;
        this.outbox = outbox;
        this.signups = signups;
    }

    /** The caller's live (requested or approved) registration for the edition, or null. */
    public static Registration liveOf(int year, String subject) {
        return Registration.<Registration>find("editionYear = ?1 and subjectId = ?2 and status in ?3",
                year, subject, Registration.LIVE).firstResult();
    }

    public static Registration requireLive(int year, String subject) {
        Registration registration = liveOf(year, subject);
        if (registration == null) {
            Registration current = requireCurrent(year, subject);
            throw ProblemException.conflict(current.status == Registration.Status.REJECTED
                    ? "Your registration for the " + year + " forum was rejected: register again to ask for a new decision"
                    : "Your registration for the " + year + " forum was cancelled by the organizers");
        }
        return registration;
    }

    /**
     * The caller's registration as they see it: the live one, or else the one the organizers cancelled (so the
     * participant learns what happened); one they cancelled themselves is gone from their view.
     */
    public static Registration requireCurrent(int year, String subject) {
        Registration registration = Registration.<Registration>find(
                "editionYear = ?1 and subjectId = ?2 and status <> ?3 order by registeredAt desc",
                year, subject, Registration.Status.CANCELLED).firstResult();
        if (registration == null) {
            throw ProblemException.notFound("Registration for the edition", year);
        }
        return registration;
    }

    @Transactional
    public Registration register(int year, String subject, RegistrationDtos.RegistrationForm form) {
        ForumEdition edition = SessionService.requireEdition(year);
        if (edition.status == ForumEdition.Status.CANCELLED) {
            throw ProblemException.conflict("The " + year + " forum was cancelled");
        }
        if (liveOf(year, subject) != null) {
            throw ProblemException.conflict("You are already registered for the " + year + " forum");
        }
        if (edition.registrationDeadline != null && now().isAfter(edition.registrationDeadline)) {
            throw ProblemException.conflict("Registration for the " + year + " forum closed at " + edition.registrationDeadline);
        }
        requirePlace(edition, form.attendance());
        Registration registration = new Registration();
        registration.id = UUID.randomUUID();
        registration.editionYear = year;
        registration.subjectId = subject;
        registration.status = Registration.Status.REQUESTED; // accreditation: an organizer approves or rejects
        registration.registeredAt = now();
        apply(edition, registration, form);
        registration.persist();
        requested(registration);
        return registration;
    }

    private void requested(Registration registration) {
        outbox.publish(ForumEvents.REGISTRATIONS_TOPIC, registration.id.toString(), ForumEvents.REGISTRATION_REQUESTED_V1,
                new ForumEvents.RegistrationRequested(registration.id, registration.editionYear, registration.attendance.name(),
                        registration.stakeholderType.name(), registration.region, registration.updatedAt));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Registration update(int year, String subject, RegistrationDtos.RegistrationForm form) {
        Registration registration = requireLive(year, subject);
        // what the accreditation was decided on: changing it asks for a new decision
        boolean accreditedFieldsChange = registration.attendance != form.attendance()
                || registration.stakeholderType != form.stakeholderType()
                || !registration.fullName.equals(form.fullName().strip())
                || !java.util.Objects.equals(registration.organisation, form.organisation() == null ? null : form.organisation().strip());
        ForumEdition edition = SessionService.requireEdition(year);
        if (registration.attendance != Registration.Attendance.IN_PERSON) {
            requirePlace(edition, form.attendance()); // becoming in person takes a place
        }
        apply(edition, registration, form);
        if (registration.status == Registration.Status.APPROVED && accreditedFieldsChange) {
            registration.status = Registration.Status.REQUESTED;
            registration.decidedAt = null;
            registration.decidedBy = null;
            registration.decisionReason = null;
            requested(registration);
        }
        return registration;
    }

    /** Cancels the registration and its session sign-ups (their seats go to the waitlists). */
    @Transactional
    public Registration cancel(int year, String subject) {
        Registration registration = requireLive(year, subject);
        signups.cancelAll(registration.id);
        registration.status = Registration.Status.CANCELLED;
        registration.cancelledAt = now();
        registration.updatedAt = registration.cancelledAt;
        outbox.publish(ForumEvents.REGISTRATIONS_TOPIC, registration.id.toString(), ForumEvents.REGISTRATION_CANCELLED_V1,
                new ForumEvents.RegistrationCancelled(registration.id, year, registration.cancelledAt));
        return registration;
    }

    /**
     * An in-person place, when the edition has a capacity: the edition's row is locked first, so concurrent
     * registrations count one after the other and never take more places than there are.
     */
    private static void requirePlace(ForumEdition edition, Registration.Attendance attendance) {
        if (attendance != Registration.Attendance.IN_PERSON || edition.capacity == null) {
            return;
        }
        ForumEdition.getEntityManager().lock(edition, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (org.wsis.forum.edition.EditionService.liveInPerson(edition.year) >= edition.capacity) {
            throw ProblemException.conflict("The " + edition.year + " forum is full: all " + edition.capacity
                    + " in-person places are taken" + (edition.hybrid ? " (remote participation is open)" : ""));
        }
    }

    private void apply(ForumEdition edition, Registration registration, RegistrationDtos.RegistrationForm form) {
        if (!Boolean.TRUE.equals(form.consent())) {
            throw ProblemException.invalid("consent", "explicit consent to the processing of your data is required");
        }
        // alpha-3, alpha-2 or UN M49 on input; stored as alpha-3 with the ITU region code of the one vocabulary
        Country country = Countries.require("country", form.country());
        if (form.attendance() == Registration.Attendance.REMOTE && !edition.hybrid) {
            throw ProblemException.invalid("attendance", "the " + edition.year + " forum is in person only");
        }
        if (form.attendance() == Registration.Attendance.IN_PERSON && edition.format == ForumEdition.Format.ONLINE) {
            throw ProblemException.invalid("attendance", "the " + edition.year + " forum is online only");
        }
        registration.attendance = form.attendance();
        registration.fullName = form.fullName().strip();
        registration.organisation = form.organisation() == null ? null : form.organisation().strip();
        registration.stakeholderType = form.stakeholderType();
        registration.country = country.alpha3();
        registration.region = country.ituRegion() == null ? null : country.ituRegion().name();
        registration.accessibilityNeeds = form.accessibilityNeeds();
        registration.consentGivenAt = now();
        registration.updatedAt = now();
        consents.record(registration.subjectId, CONSENT_PURPOSE); // with the notice's version (service-commons privacy/)
    }

    private OffsetDateTime now() {
        return ServiceClock.utcNow(clock);
    }
}
