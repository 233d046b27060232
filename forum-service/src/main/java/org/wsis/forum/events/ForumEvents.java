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
    public static final String REGISTRATION_CANCELLED_V1 = "org.wsis.forum.registration.cancelled.v1";
    public static final String SESSION_SCHEDULED_V1 = "org.wsis.forum.session.scheduled.v1";

    public record RegistrationConfirmed(UUID registrationId, int edition, String attendance, String stakeholderType,
                                        String region, OffsetDateTime confirmedAt) {
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
