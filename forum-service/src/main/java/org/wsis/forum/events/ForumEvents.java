package org.wsis.forum.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The events forum-service publishes (schemas in src/main/resources/events/). They carry no
 * personal data (no names, no subject), so an erasure never has to chase them.
 */
public final class ForumEvents {
    public static final String REGISTRATIONS_TOPIC = "forum.registrations";
    public static final String SESSIONS_TOPIC = "forum.sessions";
    /**
     * v2 (issue 19): {@code region} is the platform's ITU region code (AFR, ... EUR; v1 spelled it "Africa"),
     * {@code stakeholderType} may be OTHER. Only v2 is published; no service consumes this topic yet.
     */
    public static final String REGISTRATION_CONFIRMED_V2 = "org.wsis.forum.registration.confirmed.v2";
    /** Issue 20: a registration is a request for accreditation; confirmed.v2 now follows an organizer's approval. */
    public static final String REGISTRATION_REQUESTED_V1 = "org.wsis.forum.registration.requested.v1";
    public static final String REGISTRATION_REJECTED_V1 = "org.wsis.forum.registration.rejected.v1";
    public static final String REGISTRATION_CANCELLED_V1 = "org.wsis.forum.registration.cancelled.v1";
    public static final String SESSION_SCHEDULED_V1 = "org.wsis.forum.session.scheduled.v1";

    /** An organizer changed or cancelled a session (key = sessionId). */
    public static final String SESSION_CHANGED_V1 = "org.wsis.forum.session.changed.v1";
    /** An organizer changed or cancelled an edition (topic forum.sessions, the programme; key = "edition-" + year). */
    public static final String EDITION_CHANGED_V1 = "org.wsis.forum.edition.changed.v1";
    /**
     * One per affected registration (key = registrationId) when a session it signed up for, or its edition, is
     * rescheduled, moved or cancelled: what a notifier tells that one person, ordered with their other
     * registration events, and bounded in size whatever the number of people affected.
     */
    public static final String REGISTRATION_PROGRAMME_CHANGED_V1 = "org.wsis.forum.registration.programme-changed.v1";

    /** What kind of change: the time (RESCHEDULED), the place or format (MOVED), anything else (EDITED), or CANCELLED. */
    public enum Change { RESCHEDULED, MOVED, EDITED, CANCELLED }

    public record SessionChanged(UUID sessionId, int edition, List<Change> changes, String status, OffsetDateTime startsAt,
                                 OffsetDateTime endsAt, String room, String onlineLink, int capacity, String reason,
                                 int affectedRegistrations, OffsetDateTime changedAt) {
    }

    public record EditionChanged(int edition, List<Change> changes, String status, java.time.LocalDate startsOn,
                                 java.time.LocalDate endsOn, String venue, String format, String reason,
                                 int affectedRegistrations, OffsetDateTime changedAt) {
    }

    /**
     * @param sessionId  the session changed, null when the edition changed
     * @param outcome    what became of the person's sign-up or registration: KEPT, or CANCELLED_BY_ORGANIZER
     * @param clashesWith the person's other sessions (confirmed or waitlisted) that now overlap the changed one
     */
    public record ProgrammeChanged(UUID registrationId, int edition, UUID sessionId, List<Change> changes, String outcome,
                                   OffsetDateTime startsAt, OffsetDateTime endsAt, String room, String onlineLink,
                                   List<UUID> clashesWith, OffsetDateTime changedAt) {
    }

    public record RegistrationConfirmed(UUID registrationId, int edition, String attendance, String stakeholderType,
                                        String region, OffsetDateTime confirmedAt) {
    }

    /** A freed seat is offered to the first on a session's waitlist until offerExpiresAt (key = registrationId). */
    public static final String SIGNUP_OFFERED_V1 = "org.wsis.forum.signup.offered.v1";

    public record SignupOffered(long signupId, UUID sessionId, UUID registrationId, int edition, OffsetDateTime offerExpiresAt) {
    }

    public record RegistrationRequested(UUID registrationId, int edition, String attendance, String stakeholderType,
                                        String region, OffsetDateTime requestedAt) {
    }

    public record RegistrationRejected(UUID registrationId, int edition, OffsetDateTime rejectedAt) {
    }

    public record RegistrationCancelled(UUID registrationId, int edition, OffsetDateTime cancelledAt) {
    }

    public record SessionScheduled(UUID sessionId, int edition, String kind, String title, List<String> actionLines,
                                   OffsetDateTime startsAt, OffsetDateTime endsAt, String room, String onlineLink,
                                   int capacity) {
    }

    private ForumEvents() {
    }
}
