package org.wsis.forum.session;

import java.time.Clock;
import org.wsis.commons.time.ServiceClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.events.Outbox;
import org.wsis.commons.paging.Page;
import org.wsis.commons.problem.ProblemException;
import org.wsis.forum.edition.ForumEdition;
import org.wsis.forum.events.ForumEvents;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.UUID;

/** Schedules sessions on an edition's agenda and answers agenda queries. */
@ApplicationScoped
public class SessionService {
    private final EntityManager entityManager;
    private final Outbox outbox;

    private final Clock clock;

    private final org.wsis.commons.audit.AuditLog audit;

    public SessionService(EntityManager entityManager, Outbox outbox, Clock clock, org.wsis.commons.audit.AuditLog audit) {
        this.audit = audit;
        this.clock = clock;
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    public static ForumEdition requireEdition(int year) {
        ForumEdition edition = ForumEdition.findById(year);
        if (edition == null) {
            throw ProblemException.notFound("Forum edition", year);
        }
        return edition;
    }

    public static ForumSession requireSession(UUID id) {
        ForumSession session = ForumSession.findById(id);
        if (session == null) {
            throw ProblemException.notFound("Session", id);
        }
        return session;
    }

    /** Puts a session on the agenda and announces it (session.scheduled.v1) in the same transaction. */
    /** An organizer schedules a session directly (not from a proposal): a decision, audited. */
    @Transactional
    public ForumSession scheduleByOrganizer(int year, SessionDtos.NewSession request, String organizer) {
        ForumSession session = schedule(year, request, null, organizer);
        audit.record("session.scheduled", "session", session.id, null, auditState(session), null);
        return session;
    }

    /**
     * A session as the audit log records it: when, where, how many; not its description or speakers (names of
     * people, which the session's own record keeps).
     */
    public static java.util.Map<String, Object> auditState(ForumSession session) {
        return org.wsis.commons.audit.AuditLog.state("editionYear", session.editionYear, "kind", session.kind,
                "title", session.title, "startsAt", session.startsAt, "endsAt", session.endsAt, "room", session.room,
                "onlineLink", session.onlineLink, "capacity", session.capacity, "proposalId", session.proposalId);
    }

    @Transactional
    public ForumSession schedule(int year, SessionDtos.NewSession request, UUID proposalId, String createdBy) {
        ForumEdition edition = requireEdition(year);
        if (!request.endsAt().isAfter(request.startsAt())) {
            throw ProblemException.invalid("endsAt", "must be after startsAt");
        }
        LocalDate day = request.startsAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        if (day.isBefore(edition.startsOn) || day.isAfter(edition.endsOn)) {
            throw ProblemException.invalid("startsAt", "must be within the edition, " + edition.startsOn + " to " + edition.endsOn);
        }
        if (isBlank(request.room()) && isBlank(request.onlineLink())) {
            throw ProblemException.invalid("room", "a room or an online link is required");
        }
        if (request.kind() == SessionKind.PRIZE_CEREMONY && prizeCeremony(year) != null) {
            throw ProblemException.conflict("The " + year + " edition already has a prize ceremony");
        }
        ForumSession session = new ForumSession();
        session.id = UUID.randomUUID();
        session.editionYear = year;
        session.kind = request.kind();
        session.title = request.title().strip();
        session.description = request.description();
        session.track = request.track();
        session.actionLines = request.actionLines() == null ? List.of() : request.actionLines().stream().distinct().sorted().toList();
        session.room = request.room();
        session.onlineLink = request.onlineLink();
        session.startsAt = request.startsAt().withOffsetSameInstant(ZoneOffset.UTC);
        session.endsAt = request.endsAt().withOffsetSameInstant(ZoneOffset.UTC);
        session.speakers = request.speakers() == null ? List.of() : request.speakers();
        session.capacity = request.capacity();
        session.proposalId = proposalId;
        session.createdBy = createdBy;
        session.createdAt = ServiceClock.utcNow(clock);
        session.persist();
        outbox.publish(ForumEvents.SESSIONS_TOPIC, session.id.toString(), ForumEvents.SESSION_SCHEDULED_V1,
                new ForumEvents.SessionScheduled(session.id, year, session.kind.name(), session.title,
                        session.actionLines, session.startsAt, session.endsAt, session.room, session.onlineLink, session.capacity));
        return session;
    }

    public ForumSession prizeCeremony(int year) {
        return ForumSession.<ForumSession>find("editionYear = ?1 and kind = ?2", year, SessionKind.PRIZE_CEREMONY)
                .firstResultOptional().orElse(null);
    }

    /** The public agenda, in time order, filtered by UTC day, kind and action line (each optional). */
    @SuppressWarnings("unchecked")
    public Page<ForumSession> agenda(int year, LocalDate day, SessionKind kind, String actionLine, int page, int size) {
        StringBuilder where = new StringBuilder(" FROM forum_session WHERE edition_year = :year");
        Map<String, Object> params = new HashMap<>();
        params.put("year", year);
        if (day != null) {
            where.append(" AND starts_at >= :dayStart AND starts_at < :dayEnd");
            params.put("dayStart", day.atStartOfDay().atOffset(ZoneOffset.UTC));
            params.put("dayEnd", day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (kind != null) {
            where.append(" AND kind = :kind");
            params.put("kind", kind.name());
        }
        if (actionLine != null) {
            where.append(" AND CAST(:line AS text) = ANY(action_lines)");
            params.put("line", actionLine);
        }
        var select = entityManager.createNativeQuery("SELECT *" + where + " ORDER BY starts_at, title, id", ForumSession.class);
        var count = entityManager.createNativeQuery("SELECT count(*)" + where);
        params.forEach((k, v) -> {
            select.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<ForumSession> items = page < 0 ? select.getResultList()
                : select.setFirstResult(page * size).setMaxResults(size).getResultList();
        long total = ((Number) count.getSingleResult()).longValue();
        return new Page<>(new ArrayList<>(items), Math.max(page, 0), size, total);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
