package org.wsis.forum.attendance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;
import org.wsis.forum.session.ForumSession;
import org.wsis.forum.session.SessionService;
import org.wsis.forum.signup.SignupService;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Organizers' view of who comes: attendee lists of an edition and of a session, counts by
 * stakeholder type and ITU region, and CSV exports. Served (organizers only, these carry personal
 * data) by EditionAttendanceResource and SessionAttendanceResource.
 */
@ApplicationScoped
public class AttendanceQueries {

    public record Attendee(UUID registrationId, String status, String attendance, @Schema(nullable = true) String fullName, @Schema(nullable = true) String organisation,
                           String stakeholderType, @Schema(nullable = true) String country, @Schema(nullable = true) String region, @Schema(nullable = true) String accessibilityNeeds,
                           OffsetDateTime registeredAt, @Schema(nullable = true) OffsetDateTime checkedInAt) {
    }

    public record SessionAttendee(long signupId, UUID registrationId, String status, @Schema(nullable = true) Long waitlistPosition,
                                  @Schema(nullable = true) String fullName, @Schema(nullable = true) String organisation, String stakeholderType, @Schema(nullable = true) String country,
                                  @Schema(nullable = true) String region, @Schema(nullable = true) String accessibilityNeeds, OffsetDateTime signedUpAt,
                                  @Schema(nullable = true) OffsetDateTime promotedAt) {
    }

    /** {@code confirmed}: approved (accredited) registrations, which the by-type, by-region and attendance counts count. */
    public record EditionCounts(int edition, long confirmed, long cancelled, long inPerson, long remote, long checkedIn,
                                Map<String, Long> confirmedByStakeholderType, Map<String, Long> confirmedByRegion,
                                long requested, long rejected) {
    }

    public record SessionCounts(UUID sessionId, int capacity, long confirmed, long waitlisted,
                                Map<String, Long> confirmedByStakeholderType, Map<String, Long> confirmedByRegion) {
    }

    private static final String UNKNOWN_REGION = "unknown";
    private final EntityManager entityManager;

    public AttendanceQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Response registrations(int year, String status,
                                  PageParams page, UriInfo uri) {
        SessionService.requireEdition(year);
        String filter = registrationStatus(status);
        List<Attendee> items = editionAttendees(year, filter, page.offset(), page.size);
        long total = ((Number) withStatus(entityManager.createNativeQuery(
                        "SELECT count(*) FROM registration WHERE edition_year = ?1" + statusFilter("status", filter)), filter)
                .setParameter(1, year).getSingleResult()).longValue();
        return new Page<>(items, page.page, page.size, total).toResponse(uri);
    }

    public Response registrationsCsv(int year, String status) {
        SessionService.requireEdition(year);
        StringBuilder out = new StringBuilder();
        Csv.row(out, List.of("registrationId", "status", "attendance", "fullName", "organisation", "stakeholderType",
                "country", "region", "accessibilityNeeds", "registeredAt", "checkedInAt"));
        for (Attendee a : editionAttendees(year, registrationStatus(status), 0, Integer.MAX_VALUE)) {
            Csv.row(out, java.util.Arrays.asList(a.registrationId(), a.status(), a.attendance(), a.fullName(), a.organisation(),
                    a.stakeholderType(), a.country(), a.region(), a.accessibilityNeeds(), a.registeredAt(), a.checkedInAt()));
        }
        return csv(out, "registrations-" + year + ".csv");
    }

    public EditionCounts editionCounts(int year) {
        SessionService.requireEdition(year);
        Object[] totals = (Object[]) entityManager.createNativeQuery("""
                        SELECT count(*) FILTER (WHERE status = 'APPROVED'),
                               count(*) FILTER (WHERE status IN ('CANCELLED', 'CANCELLED_BY_ORGANIZER')),
                               count(*) FILTER (WHERE status = 'APPROVED' AND attendance = 'IN_PERSON'),
                               count(*) FILTER (WHERE status = 'APPROVED' AND attendance = 'REMOTE'),
                               count(*) FILTER (WHERE checked_in_at IS NOT NULL),
                               count(*) FILTER (WHERE status = 'REQUESTED'),
                               count(*) FILTER (WHERE status = 'REJECTED')
                        FROM registration WHERE edition_year = ?1""")
                .setParameter(1, year).getSingleResult();
        String confirmedOfEdition = "FROM registration r WHERE r.edition_year = ?1 AND r.status = 'APPROVED'";
        return new EditionCounts(year, n(totals[0]), n(totals[1]), n(totals[2]), n(totals[3]), n(totals[4]),
                grouped("r.stakeholder_type", confirmedOfEdition, year),
                grouped("coalesce(r.region, '" + UNKNOWN_REGION + "')", confirmedOfEdition, year), n(totals[5]), n(totals[6]));
    }

    public Response sessionAttendees(UUID sessionId, String status,
                                     PageParams page, UriInfo uri) {
        SessionService.requireSession(sessionId);
        String filter = signupStatus(status);
        List<SessionAttendee> items = sessionAttendees(sessionId, filter, page.offset(), page.size);
        long total = ((Number) withStatus(entityManager.createNativeQuery(
                        "SELECT count(*) FROM session_signup WHERE session_id = ?1 AND status IN ('CONFIRMED', 'WAITLISTED', 'OFFERED', 'CANCELLED_BY_ORGANIZER')"
                                + statusFilter("status", filter)), filter)
                .setParameter(1, sessionId).getSingleResult()).longValue();
        return new Page<>(items, page.page, page.size, total).toResponse(uri);
    }

    public Response sessionAttendeesCsv(UUID sessionId, String status) {
        SessionService.requireSession(sessionId);
        StringBuilder out = new StringBuilder();
        Csv.row(out, List.of("signupId", "registrationId", "status", "waitlistPosition", "fullName", "organisation",
                "stakeholderType", "country", "region", "accessibilityNeeds", "signedUpAt", "promotedAt"));
        for (SessionAttendee a : sessionAttendees(sessionId, signupStatus(status), 0, Integer.MAX_VALUE)) {
            Csv.row(out, java.util.Arrays.asList(a.signupId(), a.registrationId(), a.status(), a.waitlistPosition(),
                    a.fullName(), a.organisation(), a.stakeholderType(), a.country(), a.region(),
                    a.accessibilityNeeds(), a.signedUpAt(), a.promotedAt()));
        }
        return csv(out, "session-" + sessionId + ".csv");
    }

    public SessionCounts sessionCounts(UUID sessionId) {
        ForumSession session = SessionService.requireSession(sessionId);
        Object[] totals = (Object[]) entityManager.createNativeQuery("""
                        SELECT count(*) FILTER (WHERE status = 'CONFIRMED'), count(*) FILTER (WHERE status = 'WAITLISTED')
                        FROM session_signup WHERE session_id = ?1""")
                .setParameter(1, sessionId).getSingleResult();
        String confirmedOfSession = """
                FROM session_signup s JOIN registration r ON r.id = s.registration_id
                WHERE s.session_id = ?1 AND s.status = 'CONFIRMED'""";
        return new SessionCounts(sessionId, session.capacity, n(totals[0]), n(totals[1]),
                grouped("r.stakeholder_type", confirmedOfSession, sessionId),
                grouped("coalesce(r.region, '" + UNKNOWN_REGION + "')", confirmedOfSession, sessionId));
    }

    @SuppressWarnings("unchecked")
    private List<Attendee> editionAttendees(int year, String status, int offset, int limit) {
        List<Object[]> rows = withStatus(entityManager.createNativeQuery("""
                        SELECT id, status, attendance, full_name, organisation, stakeholder_type, country, region,
                               accessibility_needs, registered_at, checked_in_at
                        FROM registration WHERE edition_year = ?1""" + statusFilter("status", status)
                        + " ORDER BY registered_at, id"), status)
                .setParameter(1, year)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
        List<Attendee> attendees = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            attendees.add(new Attendee((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], str(r[6]), (String) r[7], (String) r[8], time(r[9]), time(r[10])));
        }
        return attendees;
    }

    @SuppressWarnings("unchecked")
    private List<SessionAttendee> sessionAttendees(UUID sessionId, String status, int offset, int limit) {
        List<Object[]> rows = withStatus(entityManager.createNativeQuery("""
                        SELECT s.id, s.registration_id, s.status,
                               CASE WHEN s.status = 'WAITLISTED' THEN row_number() OVER (PARTITION BY s.status ORDER BY s.id) END,
                               r.full_name, r.organisation, r.stakeholder_type, r.country, r.region, r.accessibility_needs,
                               s.signed_up_at, s.promoted_at
                        FROM session_signup s JOIN registration r ON r.id = s.registration_id
                        WHERE s.session_id = ?1 AND s.status IN ('CONFIRMED', 'WAITLISTED', 'OFFERED', 'CANCELLED_BY_ORGANIZER')""" + statusFilter("s.status", status)
                        + " ORDER BY s.status, s.id"), status)
                .setParameter(1, sessionId)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
        List<SessionAttendee> attendees = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            attendees.add(new SessionAttendee(n(r[0]), (UUID) r[1], (String) r[2], r[3] == null ? null : n(r[3]),
                    (String) r[4], (String) r[5], (String) r[6], str(r[7]), (String) r[8], (String) r[9],
                    time(r[10]), time(r[11])));
        }
        return attendees;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> grouped(String key, String from, Object param) {
        List<Object[]> rows = entityManager.createNativeQuery("SELECT " + key + " AS k, count(*) " + from + " GROUP BY k ORDER BY k")
                .setParameter(1, param).getResultList();
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.forEach(r -> counts.put(String.valueOf(r[0]), n(r[1])));
        return counts;
    }

    /** An optional "AND column = ?2" (the status), so no null parameter is ever bound. */
    private static String statusFilter(String column, String status) {
        return status == null ? "" : " AND " + column + " = ?2";
    }

    private static jakarta.persistence.Query withStatus(jakarta.persistence.Query query, String status) {
        return status == null ? query : query.setParameter(2, status);
    }

    private static String registrationStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        if (java.util.Arrays.stream(org.wsis.forum.registration.Registration.Status.values()).noneMatch(s -> s.name().equals(status))) {
            throw ProblemException.malformed("status", "must be one of " + java.util.Arrays.toString(
                    org.wsis.forum.registration.Registration.Status.values()));
        }
        return status;
    }

    private static String signupStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        if (!List.of("CONFIRMED", "WAITLISTED", "OFFERED").contains(status)) {
            throw ProblemException.malformed("status", "must be CONFIRMED, WAITLISTED or OFFERED");
        }
        return status;
    }

    private static Response csv(StringBuilder out, String filename) {
        return Response.ok(out.toString(), Csv.MEDIA_TYPE + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
