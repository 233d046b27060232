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

    private final org.wsis.forum.signup.SignupService signups;
    private final org.wsis.forum.programme.ProgrammeNotices notices;

    public SessionService(EntityManager entityManager, Outbox outbox, Clock clock, org.wsis.commons.audit.AuditLog audit,
                          org.wsis.forum.signup.SignupService signups, org.wsis.forum.programme.ProgrammeNotices notices) {
        this.signups = signups;
        this.notices = notices;
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
                "onlineLink", session.onlineLink, "capacity", session.capacity, "proposalId", session.proposalId,
                "status", session.status);
    }

    /** The ETag of a session (If-Match of its changes). */
    public static jakarta.ws.rs.core.EntityTag etag(ForumSession session) {
        return org.wsis.commons.http.Preconditions.etag(session.id, session.version);
    }

    /**
     * An organizer changes a session (If-Match): a new time is RESCHEDULED, a new room or link MOVED, anything else
     * EDITED. Under the session's row lock (the one sign-ups take): capacity never drops below the seats taken, and
     * added seats go to the waitlist in order. Audited, announced (session.changed.v1) and, when the time or place
     * changed, every signed-up registration told with its clashes, all in one transaction.
     */
    @Transactional
    public ForumSession change(UUID id, SessionDtos.SessionChange request, String ifMatch) {
        ForumSession session = lockForChange(id, ifMatch, true);
        ForumEdition edition = requireEdition(session.editionYear);
        checkTimeAndPlace(edition, request.startsAt(), request.endsAt(), request.room(), request.onlineLink());
        if (request.capacity() < session.confirmedCount) {
            throw ProblemException.conflict("The session has " + session.confirmedCount + " confirmed seats: capacity "
                    + request.capacity() + " would take seats away (cancel sign-ups first, or keep the capacity)");
        }
        java.util.Map<String, Object> before = auditState(session);
        OffsetDateTime startsAt = request.startsAt().withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime endsAt = request.endsAt().withOffsetSameInstant(ZoneOffset.UTC);
        List<ForumEvents.Change> changes = new ArrayList<>();
        if (!startsAt.isEqual(session.startsAt) || !endsAt.isEqual(session.endsAt)) {
            changes.add(ForumEvents.Change.RESCHEDULED);
        }
        if (!java.util.Objects.equals(blankToNull(request.room()), blankToNull(session.room))
                || !java.util.Objects.equals(blankToNull(request.onlineLink()), blankToNull(session.onlineLink))) {
            changes.add(ForumEvents.Change.MOVED);
        }
        boolean capacityGrew = request.capacity() > session.capacity;
        session.title = request.title().strip();
        session.description = request.description();
        session.track = request.track();
        session.actionLines = request.actionLines() == null ? List.of() : request.actionLines().stream().distinct().sorted().toList();
        session.speakers = request.speakers() == null ? List.of() : request.speakers();
        session.room = blankToNull(request.room());
        session.onlineLink = blankToNull(request.onlineLink());
        session.startsAt = startsAt;
        session.endsAt = endsAt;
        session.capacity = request.capacity();
        OffsetDateTime now = ServiceClock.utcNow(clock);
        if (!changes.isEmpty()) {
            session.changedAt = now;
        } else {
            changes.add(ForumEvents.Change.EDITED);
        }
        entityManager.flush(); // the new capacity is in the row before the waitlist moves up into it
        if (capacityGrew) {
            signups.fillFreeSeats(session.id);
        }
        entityManager.refresh(session);
        audit.record(actionOf("session", changes), "session", session.id, before, auditState(session), request.reason());
        int told = changes.contains(ForumEvents.Change.EDITED) ? 0 : notices.sessionChanged(session, changes, now);
        outbox.publish(ForumEvents.SESSIONS_TOPIC, session.id.toString(), ForumEvents.SESSION_CHANGED_V1,
                changed(session, changes, request.reason(), told, now));
        return session;
    }

    /** An organizer cancels a session: every sign-up becomes CANCELLED_BY_ORGANIZER, each person told. */
    @Transactional
    public ForumSession cancel(UUID id, String reason, String ifMatch) {
        ForumSession session = lockForChange(id, ifMatch, false);
        return cancelLocked(session, reason, true);
    }

    /** Cancels a session whose row this transaction locked (also an edition's cancellation, session by session). */
    @Transactional(Transactional.TxType.MANDATORY)
    public ForumSession cancelLocked(ForumSession session, String reason, boolean tellParticipants) {
        java.util.Map<String, Object> before = auditState(session);
        OffsetDateTime now = ServiceClock.utcNow(clock);
        session.status = ForumSession.Status.CANCELLED;
        session.cancellationReason = reason;
        session.changedAt = now;
        entityManager.flush();
        List<UUID> registrations = signups.cancelAllOfSession(session.id);
        entityManager.refresh(session);
        audit.record("session.cancelled", "session", session.id, before, auditState(session), reason);
        if (tellParticipants) {
            notices.sessionCancelled(session, registrations, now);
        }
        outbox.publish(ForumEvents.SESSIONS_TOPIC, session.id.toString(), ForumEvents.SESSION_CHANGED_V1,
                changed(session, List.of(ForumEvents.Change.CANCELLED), reason, registrations.size(), now));
        return session;
    }

    /**
     * An organizer gives (or replaces) the session's title and description in another UN language, with its origin
     * (If-Match as for a change). Staff own sessions: it is public at once. Audited (session.translated) by the
     * languages only, as a change's audit entry leaves out the text.
     */
    @Transactional
    public ForumSession translate(UUID id, String language, org.wsis.commons.i18n.NewTranslation request, String ifMatch,
                                  String organizer) {
        ForumSession session = lockForChange(id, ifMatch, true);
        if (language.equals(session.language)) {
            throw ProblemException.invalid("language", "the session is written in " + language
                    + ": its own title and description change with PUT /sessions/" + id);
        }
        java.util.Map<String, Object> before = org.wsis.commons.audit.AuditLog.state("translations", List.copyOf(session.translations.keySet()));
        session.translations = org.wsis.commons.i18n.Translations.with(session.translations, language,
                org.wsis.commons.i18n.StoredTranslation.of(request, organizer, ServiceClock.utcNow(clock)));
        audit.record("session.translated", "session", session.id, before,
                org.wsis.commons.audit.AuditLog.state("translations", List.copyOf(session.translations.keySet())), language);
        return session;
    }

    private ForumSession lockForChange(UUID id, String ifMatch, boolean ifMatchRequired) {
        ForumSession session = ForumSession.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (session == null) {
            throw ProblemException.notFound("Session", id);
        }
        if (ifMatchRequired || ifMatch != null) {
            org.wsis.commons.http.Preconditions.requireIfMatch(ifMatch, etag(session));
        }
        if (session.status == ForumSession.Status.CANCELLED) {
            throw ProblemException.conflict("The session was cancelled: it no longer changes");
        }
        return session;
    }

    static String actionOf(String target, List<ForumEvents.Change> changes) {
        return target + "." + changes.get(0).name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ForumEvents.SessionChanged changed(ForumSession s, List<ForumEvents.Change> changes, String reason,
                                                      int affected, OffsetDateTime at) {
        return new ForumEvents.SessionChanged(s.id, s.editionYear, changes, s.status.name(), s.startsAt, s.endsAt, s.room,
                s.onlineLink, s.capacity, reason, affected, at);
    }

    private static void checkTimeAndPlace(ForumEdition edition, OffsetDateTime startsAt, OffsetDateTime endsAt,
                                          String room, String onlineLink) {
        if (!endsAt.isAfter(startsAt)) {
            throw ProblemException.invalid("endsAt", "must be after startsAt");
        }
        LocalDate day = startsAt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        if (day.isBefore(edition.startsOn) || day.isAfter(edition.endsOn)) {
            throw ProblemException.invalid("startsAt", "must be within the edition, " + edition.startsOn + " to " + edition.endsOn);
        }
        if (isBlank(room) && isBlank(onlineLink)) {
            throw ProblemException.invalid("room", "a room or an online link is required");
        }
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s;
    }

    @Transactional
    public ForumSession schedule(int year, SessionDtos.NewSession request, UUID proposalId, String createdBy) {
        return schedule(year, request, proposalId, createdBy, Map.of());
    }

    /** A session with its translations from the start: a proposal's, written by its proposer (origin OWNER). */
    @Transactional
    public ForumSession schedule(int year, SessionDtos.NewSession request, UUID proposalId, String createdBy,
                                 Map<String, org.wsis.commons.i18n.StoredTranslation> translations) {
        ForumEdition edition = requireEdition(year);
        if (edition.status == ForumEdition.Status.CANCELLED) {
            throw ProblemException.conflict("The " + year + " edition was cancelled");
        }
        checkTimeAndPlace(edition, request.startsAt(), request.endsAt(), request.room(), request.onlineLink());
        if (request.kind() == SessionKind.PRIZE_CEREMONY && prizeCeremony(year) != null) {
            throw ProblemException.conflict("The " + year + " edition already has a prize ceremony");
        }
        ForumSession session = new ForumSession();
        session.id = UUID.randomUUID();
        session.editionYear = year;
        session.kind = request.kind();
        session.title = request.title().strip();
        session.description = request.description();
        session.language = request.language() == null ? "en" : request.language();
        session.translations = new java.util.TreeMap<>(translations);
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
