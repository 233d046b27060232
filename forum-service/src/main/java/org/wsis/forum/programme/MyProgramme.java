package org.wsis.forum.programme;

import io.quarkus.hibernate.orm.panache.Panache;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.wsis.forum.signup.SignupService;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A participant's sessions as their own registration view shows them: each sign-up (also those the organizers
 * cancelled) with the session's current time and place, whether that changed since they signed up, and which of
 * their other sessions it now overlaps. Computed when read, so a change reaches every signed-up person at once.
 */
public final class MyProgramme {

    @Schema(name = "MySessionSignup")
    public record SessionSignup(UUID sessionId, String title, SignupService.Status status,
                                @Schema(description = "SCHEDULED or CANCELLED") String sessionStatus,
                                OffsetDateTime startsAt, OffsetDateTime endsAt,
                                @Schema(nullable = true) String room, @Schema(nullable = true) String onlineLink,
                                @Schema(description = "the session's time or place changed after you signed up") boolean changedSinceSignup,
                                @Schema(description = "your other confirmed or waitlisted sessions at an overlapping time") List<UUID> clashesWith) {
    }

    private MyProgramme() {
    }

    /** The registration's sign-ups (not those its participant cancelled), in time order. */
    public static List<SessionSignup> of(UUID registrationId) {
        List<?> rows = Panache.getEntityManager().createNativeQuery("""
                        SELECT s.session_id, f.title, s.status, f.status, f.starts_at, f.ends_at, f.room, f.online_link,
                               f.changed_at IS NOT NULL AND f.changed_at > s.signed_up_at,
                               CASE WHEN s.status IN ('CONFIRMED', 'WAITLISTED', 'OFFERED') THEN array_to_string(ARRAY(
                                   SELECT o.session_id::text FROM session_signup o JOIN forum_session g ON g.id = o.session_id
                                   WHERE o.registration_id = s.registration_id AND o.id <> s.id
                                     AND o.status IN ('CONFIRMED', 'WAITLISTED', 'OFFERED') AND g.status = 'SCHEDULED'
                                     AND g.starts_at < f.ends_at AND g.ends_at > f.starts_at
                                   ORDER BY g.starts_at, o.session_id), ',') END
                        FROM session_signup s JOIN forum_session f ON f.id = s.session_id
                        WHERE s.registration_id = ?1 AND s.status IN ('CONFIRMED', 'WAITLISTED', 'OFFERED', 'CANCELLED_BY_ORGANIZER')
                        ORDER BY f.starts_at, s.id""")
                .setParameter(1, registrationId).getResultList();
        return rows.stream().map(row -> {
            Object[] c = (Object[]) row;
            return new SessionSignup((UUID) c[0], (String) c[1], SignupService.Status.valueOf((String) c[2]), (String) c[3],
                    utc(c[4]), utc(c[5]), (String) c[6], (String) c[7], Boolean.TRUE.equals(c[8]),
                    ProgrammeNotices.uuids((String) c[9]));
        }).toList();
    }

    private static OffsetDateTime utc(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.withOffsetSameInstant(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
