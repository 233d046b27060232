package org.wsis.forum.programme;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.events.Outbox;
import org.wsis.forum.events.ForumEvents;
import org.wsis.forum.session.ForumSession;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tells the people a programme change affects: one {@code registration.programme-changed.v1} per affected
 * registration, in the transaction of the change (outbox), with their clashes. One event per person rather than one
 * naming everyone: a notifier sends one message per person anyway, the key orders it with that person's other
 * registration events, and no event grows with the size of a session or an edition (Kafka's message limit).
 */
@ApplicationScoped
public class ProgrammeNotices {
    private final EntityManager entityManager;
    private final Outbox outbox;

    public ProgrammeNotices(EntityManager entityManager, Outbox outbox) {
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    /** The registrations with a confirmed or waitlisted sign-up for the session. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> signedUp(UUID sessionId) {
        return entityManager.createNativeQuery("""
                        SELECT registration_id FROM session_signup WHERE session_id = ?1 AND status IN ('CONFIRMED', 'WAITLISTED', 'OFFERED')
                        ORDER BY id""", UUID.class)
                .setParameter(1, sessionId).getResultList();
    }

    /**
     * A session's time or place changed: every signed-up registration is told, with the sessions of theirs it now
     * overlaps. @return how many were told
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int sessionChanged(ForumSession session, List<ForumEvents.Change> changes, OffsetDateTime at) {
        List<UUID> registrations = signedUp(session.id);
        Map<UUID, List<UUID>> clashes = clashesWith(session);
        for (UUID registration : registrations) {
            tell(registration, session, changes, "KEPT", clashes.getOrDefault(registration, List.of()), at);
        }
        return registrations.size();
    }

    /** A session was cancelled: each registration whose sign-up it cancelled is told. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sessionCancelled(ForumSession session, List<UUID> registrations, OffsetDateTime at) {
        registrations.forEach(registration -> tell(registration, session, List.of(ForumEvents.Change.CANCELLED),
                "CANCELLED_BY_ORGANIZER", List.of(), at));
    }

    /** An edition changed or was cancelled: each of its registrations (outcome KEPT or CANCELLED_BY_ORGANIZER). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void editionChanged(int edition, List<UUID> registrations, List<ForumEvents.Change> changes, String outcome,
                               OffsetDateTime at) {
        registrations.forEach(registration -> outbox.publish(ForumEvents.REGISTRATIONS_TOPIC, registration.toString(),
                ForumEvents.REGISTRATION_PROGRAMME_CHANGED_V1, new ForumEvents.ProgrammeChanged(registration, edition, null,
                        changes, outcome, null, null, null, null, List.of(), at)));
    }

    private void tell(UUID registration, ForumSession session, List<ForumEvents.Change> changes, String outcome,
                      List<UUID> clashes, OffsetDateTime at) {
        outbox.publish(ForumEvents.REGISTRATIONS_TOPIC, registration.toString(), ForumEvents.REGISTRATION_PROGRAMME_CHANGED_V1,
                new ForumEvents.ProgrammeChanged(registration, session.editionYear, session.id, changes, outcome,
                        session.startsAt, session.endsAt, session.room, session.onlineLink, clashes, at));
    }

    /** Per signed-up registration, their other live sessions overlapping this one at its (new) time: one query. */
    private Map<UUID, List<UUID>> clashesWith(ForumSession session) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT s.registration_id, o.session_id
                        FROM session_signup s
                        JOIN session_signup o ON o.registration_id = s.registration_id AND o.session_id <> s.session_id
                                              AND o.status IN ('CONFIRMED', 'WAITLISTED', 'OFFERED')
                        JOIN forum_session f ON f.id = o.session_id AND f.status = 'SCHEDULED'
                        WHERE s.session_id = ?1 AND s.status IN ('CONFIRMED', 'WAITLISTED', 'OFFERED')
                          AND f.starts_at < ?3 AND f.ends_at > ?2
                        ORDER BY s.registration_id, f.starts_at, o.session_id""")
                .setParameter(1, session.id).setParameter(2, session.startsAt).setParameter(3, session.endsAt)
                .getResultList();
        Map<UUID, List<UUID>> clashes = new HashMap<>();
        for (Object row : rows) {
            Object[] cells = (Object[]) row;
            clashes.computeIfAbsent((UUID) cells[0], r -> new ArrayList<>()).add((UUID) cells[1]);
        }
        return clashes;
    }

    static List<UUID> uuids(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isEmpty() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(UUID::fromString).toList();
    }
}
