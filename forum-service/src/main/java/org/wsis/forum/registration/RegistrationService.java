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

    /** The caller's live (confirmed) registration for the edition, or null. */
    public static Registration liveOf(int year, String subject) {
        return Registration.<Registration>find("editionYear = ?1 and subjectId = ?2 and status = ?3",
                year, subject, Registration.Status.CONFIRMED).firstResult();
    }

    public static Registration requireLive(int year, String subject) {
        Registration registration = liveOf(year, subject);
        if (registration == null) {
            throw ProblemException.notFound("Registration for the edition", year);
        }
        return registration;
    }

    @Transactional
    public Registration register(int year, String subject, RegistrationDtos.RegistrationForm form) {
        ForumEdition edition = SessionService.requireEdition(year);
        if (liveOf(year, subject) != null) {
            throw ProblemException.conflict("You are already registered for the " + year + " forum");
        }
        Registration registration = new Registration();
        registration.id = UUID.randomUUID();
        registration.editionYear = year;
        registration.subjectId = subject;
        registration.status = Registration.Status.CONFIRMED;
        registration.registeredAt = now();
        apply(edition, registration, form);
        registration.persist();
        outbox.publish(ForumEvents.REGISTRATIONS_TOPIC, registration.id.toString(), ForumEvents.REGISTRATION_CONFIRMED_V2,
                new ForumEvents.RegistrationConfirmed(registration.id, year, registration.attendance.name(),
                        registration.stakeholderType.name(), registration.region, registration.registeredAt));
        return registration;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Registration update(int year, String subject, RegistrationDtos.RegistrationForm form) {
        Registration registration = requireLive(year, subject);
        apply(SessionService.requireEdition(year), registration, form);
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

    private void apply(ForumEdition edition, Registration registration, RegistrationDtos.RegistrationForm form) {
        if (!Boolean.TRUE.equals(form.consent())) {
            throw ProblemException.invalid("consent", "explicit consent to the processing of your data is required");
        }
        // alpha-3, alpha-2 or UN M49 on input; stored as alpha-3 with the ITU region code of the one vocabulary
        Country country = Countries.require("country", form.country());
        if (form.attendance() == Registration.Attendance.REMOTE && !edition.hybrid) {
            throw ProblemException.invalid("attendance", "the " + edition.year + " forum is in person only");
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
