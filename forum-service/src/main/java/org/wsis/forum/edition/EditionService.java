package org.wsis.forum.edition;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.time.ServiceClock;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.wsis.forum.events.ForumEvents;

/** Forum editions: the rules of a new edition (dates within its year, one edition per year). */
@ApplicationScoped
public class EditionService {
    private final CurrentUser caller;
    private final Clock clock;

    private final org.wsis.commons.audit.AuditLog audit;

    private final jakarta.persistence.EntityManager entityManager;
    private final org.wsis.commons.events.Outbox outbox;
    private final org.wsis.forum.session.SessionService sessions;
    private final org.wsis.forum.programme.ProgrammeNotices notices;

    public EditionService(CurrentUser caller, Clock clock, org.wsis.commons.audit.AuditLog audit,
                          jakarta.persistence.EntityManager entityManager, org.wsis.commons.events.Outbox outbox,
                          org.wsis.forum.session.SessionService sessions, org.wsis.forum.programme.ProgrammeNotices notices) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.sessions = sessions;
        this.notices = notices;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    public Page<EditionResource.EditionView> list(PageParams page) {
        var query = ForumEdition.<ForumEdition>findAll(Sort.descending("year"));
        var items = query.page(page.page, page.size).list().stream().map(EditionResource.EditionView::of).toList();
        return new Page<>(items, page.page, page.size, query.count());
    }

    public ForumEdition get(int year) {
        ForumEdition edition = ForumEdition.findById(year);
        if (edition == null) {
            throw ProblemException.notFound("Forum edition", year);
        }
        return edition;
    }

    @Transactional
    public ForumEdition create(EditionResource.NewEdition request) {
        if (request.endsOn().isBefore(request.startsOn())) {
            throw ProblemException.invalid("endsOn", "must not be before startsOn");
        }
        if (request.startsOn().getYear() != request.year()) {
            throw ProblemException.invalid("startsOn", "must be in " + request.year());
        }
        requireSensibleDeadline(request.registrationDeadline(), request.year());
        if (ForumEdition.findById(request.year()) != null) {
            throw ProblemException.conflict("The " + request.year() + " forum edition already exists");
        }
        ForumEdition edition = new ForumEdition();
        edition.year = request.year();
        edition.title = request.title().strip();
        edition.startsOn = request.startsOn();
        edition.endsOn = request.endsOn();
        edition.venue = request.venue().strip();
        edition.hybrid = request.hybrid();
        edition.registrationDeadline = request.registrationDeadline();
        edition.capacity = request.capacity();
        edition.format = request.hybrid() ? ForumEdition.Format.HYBRID : ForumEdition.Format.IN_PERSON;
        edition.createdBy = caller.subject();
        edition.createdAt = ServiceClock.utcNow(clock);
        edition.persist();
        audit.record("edition.created", "edition", edition.year, null, org.wsis.commons.audit.AuditLog.state(
                "title", edition.title, "startsOn", edition.startsOn, "endsOn", edition.endsOn, "venue", edition.venue,
                "hybrid", edition.hybrid), null);
        return edition;
    }

    /** A deadline from 2009 (the first forum) to the edition's year (so within what PostgreSQL stores), or none. */
    private static void requireSensibleDeadline(java.time.OffsetDateTime deadline, int year) {
        if (deadline != null && (deadline.getYear() < 2009 || deadline.getYear() > year)) {
            throw ProblemException.invalid("registrationDeadline", "must be between 2009 and the end of " + year);
        }
    }

    public static jakarta.ws.rs.core.EntityTag etag(ForumEdition edition) {
        return org.wsis.commons.http.Preconditions.etag(edition.year, edition.version);
    }

    /**
     * An organizer changes an edition (If-Match): new dates are RESCHEDULED, a new venue or format MOVED, anything
     * else EDITED. Refused while a session would fall outside the new dates (reschedule or cancel it first) or remote
     * registrations exist for an in-person-only format. Audited, announced (edition.changed.v1) and every live
     * registration told of a new time or place, in one transaction.
     */
    @Transactional
    public ForumEdition change(int year, EditionResource.EditionChange request, String ifMatch) {
        ForumEdition edition = lockForChange(year, ifMatch, true);
        if (request.endsOn().isBefore(request.startsOn())) {
            throw ProblemException.invalid("endsOn", "must not be before startsOn");
        }
        if (request.startsOn().getYear() != year) {
            throw ProblemException.invalid("startsOn", "must be in " + year);
        }
        requireSensibleDeadline(request.registrationDeadline(), year);
        long outside = ((Number) entityManager.createNativeQuery("""
                        SELECT count(*) FROM forum_session WHERE edition_year = ?1 AND status = 'SCHEDULED'
                          AND ((starts_at AT TIME ZONE 'UTC')::date < ?2 OR (starts_at AT TIME ZONE 'UTC')::date > ?3)""")
                .setParameter(1, year).setParameter(2, request.startsOn()).setParameter(3, request.endsOn())
                .getSingleResult()).longValue();
        if (outside > 0) {
            throw ProblemException.conflict(outside + " scheduled session(s) would fall outside " + request.startsOn() + " to "
                    + request.endsOn() + ": reschedule or cancel them first");
        }
        if (request.format() == ForumEdition.Format.IN_PERSON && ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM registration WHERE edition_year = ?1 AND attendance = 'REMOTE' AND status IN "
                                + org.wsis.forum.registration.Registration.LIVE_SQL)
                .setParameter(1, year).getSingleResult()).longValue() > 0) {
            throw ProblemException.conflict("The " + year + " edition has remote registrations: it cannot become in person only");
        }
        if (request.capacity() != null) {
            long inPerson = liveInPerson(year);
            if (request.capacity() < inPerson) {
                throw ProblemException.conflict("The " + year + " edition has " + inPerson + " in-person registrations: capacity "
                        + request.capacity() + " would turn people away (keep at least " + inPerson + ")");
            }
        }
        var before = auditState(edition);
        List<ForumEvents.Change> changes = new ArrayList<>();
        if (!request.startsOn().equals(edition.startsOn) || !request.endsOn().equals(edition.endsOn)) {
            changes.add(ForumEvents.Change.RESCHEDULED);
        }
        if (!request.venue().strip().equals(edition.venue) || request.format() != edition.format) {
            changes.add(ForumEvents.Change.MOVED);
        }
        edition.title = request.title().strip();
        edition.startsOn = request.startsOn();
        edition.endsOn = request.endsOn();
        edition.venue = request.venue().strip();
        edition.format = request.format();
        edition.hybrid = request.format() != ForumEdition.Format.IN_PERSON;
        edition.registrationDeadline = request.registrationDeadline();
        edition.capacity = request.capacity();
        OffsetDateTime now = ServiceClock.utcNow(clock);
        List<UUID> told = List.of();
        if (changes.isEmpty()) {
            changes.add(ForumEvents.Change.EDITED);
        } else {
            edition.changedAt = now;
            told = liveRegistrations(year);
            notices.editionChanged(year, told, changes, "KEPT", now);
        }
        entityManager.flush();
        audit.record("edition." + changes.get(0).name().toLowerCase(java.util.Locale.ROOT), "edition", year, before,
                auditState(edition), request.reason());
        outbox.publish(ForumEvents.SESSIONS_TOPIC, "edition-" + year, ForumEvents.EDITION_CHANGED_V1, changed(edition, changes,
                request.reason(), told.size(), now));
        return edition;
    }

    /**
     * An organizer cancels an edition: its sessions are cancelled (their sign-ups CANCELLED_BY_ORGANIZER), its live
     * registrations become CANCELLED_BY_ORGANIZER, and each registration is told once.
     */
    @Transactional
    public ForumEdition cancel(int year, String reason, String ifMatch) {
        ForumEdition edition = lockForChange(year, ifMatch, false);
        var before = auditState(edition);
        OffsetDateTime now = ServiceClock.utcNow(clock);
        edition.status = ForumEdition.Status.CANCELLED;
        edition.cancellationReason = reason;
        edition.changedAt = now;
        @SuppressWarnings("unchecked")
        List<UUID> sessionIds = entityManager.createNativeQuery(
                        "SELECT id FROM forum_session WHERE edition_year = ?1 AND status = 'SCHEDULED' ORDER BY id", UUID.class)
                .setParameter(1, year).getResultList(); // a fixed lock order, as sign-up cancellations take
        for (UUID sessionId : sessionIds) {
            org.wsis.forum.session.ForumSession session = org.wsis.forum.session.ForumSession.findById(sessionId,
                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            sessions.cancelLocked(session, reason, false); // each person is told once, of the edition, below
        }
        @SuppressWarnings("unchecked")
        List<UUID> registrations = entityManager.createNativeQuery("""
                        UPDATE registration SET status = 'CANCELLED_BY_ORGANIZER', cancelled_at = ?2, updated_at = ?2,
                               version = version + 1
                        WHERE edition_year = ?1 AND status IN """ + org.wsis.forum.registration.Registration.LIVE_SQL + """
                         RETURNING id""", UUID.class)
                .setParameter(1, year).setParameter(2, now).getResultList();
        notices.editionChanged(year, registrations, List.of(ForumEvents.Change.CANCELLED), "CANCELLED_BY_ORGANIZER", now);
        entityManager.flush();
        audit.record("edition.cancelled", "edition", year, before, auditState(edition), reason);
        outbox.publish(ForumEvents.SESSIONS_TOPIC, "edition-" + year, ForumEvents.EDITION_CHANGED_V1,
                changed(edition, List.of(ForumEvents.Change.CANCELLED), reason, registrations.size(), now));
        return edition;
    }

    /** Live (requested or approved) in-person registrations: what an edition's capacity counts. */
    public static long liveInPerson(int year) {
        return org.wsis.forum.registration.Registration.count("editionYear = ?1 and attendance = ?2 and status in ?3", year,
                org.wsis.forum.registration.Registration.Attendance.IN_PERSON, org.wsis.forum.registration.Registration.LIVE);
    }

    @SuppressWarnings("unchecked")
    private List<UUID> liveRegistrations(int year) {
        return entityManager.createNativeQuery("SELECT id FROM registration WHERE edition_year = ?1 AND status IN "
                        + org.wsis.forum.registration.Registration.LIVE_SQL + " ORDER BY id", UUID.class)
                .setParameter(1, year).getResultList();
    }

    private ForumEdition lockForChange(int year, String ifMatch, boolean ifMatchRequired) {
        ForumEdition edition = ForumEdition.findById(year, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (edition == null) {
            throw ProblemException.notFound("Forum edition", year);
        }
        if (ifMatchRequired || ifMatch != null) {
            org.wsis.commons.http.Preconditions.requireIfMatch(ifMatch, etag(edition));
        }
        if (edition.status == ForumEdition.Status.CANCELLED) {
            throw ProblemException.conflict("The " + year + " edition was cancelled: it no longer changes");
        }
        return edition;
    }

    private static java.util.Map<String, Object> auditState(ForumEdition e) {
        return org.wsis.commons.audit.AuditLog.state("title", e.title, "startsOn", e.startsOn, "endsOn", e.endsOn,
                "venue", e.venue, "format", e.format, "status", e.status, "registrationDeadline", e.registrationDeadline,
                "capacity", e.capacity);
    }

    private static ForumEvents.EditionChanged changed(ForumEdition e, List<ForumEvents.Change> changes, String reason,
                                                      int affected, OffsetDateTime at) {
        return new ForumEvents.EditionChanged(e.year, changes, e.status.name(), e.startsOn, e.endsOn, e.venue,
                e.format.name(), reason, affected, at);
    }
}
