package org.wsis.forum.signup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.problem.ProblemException;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Session sign-up with a hard seat limit. Every change of a session's seats first locks the
 * session row (SELECT ... FOR UPDATE), so sign-ups and cancellations of one session run one at a
 * time: confirmed seats never exceed capacity, and the sign-up id (a sequence value taken under
 * the lock) is the arrival order the waitlist is served in. A freed seat goes to the first
 * waitlisted sign-up in the same transaction as the cancellation.
 */
@ApplicationScoped
public class SignupService {
    public enum Status { CONFIRMED, WAITLISTED, CANCELLED }

    /** A sign-up as the participant sees it; position is 1-based on the waitlist, null when confirmed. */
    public record Signup(long id, UUID sessionId, UUID registrationId, Status status, Long waitlistPosition,
                         OffsetDateTime signedUpAt, OffsetDateTime promotedAt) {
    }

    /** The outcome of a sign-up request: created now, or the live one that already existed. */
    public record SignupOutcome(Signup signup, boolean created) {
    }

    private final EntityManager entityManager;

    public SignupService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public SignupOutcome signUp(UUID sessionId, UUID registrationId) {
        Object[] seats = lockSession(sessionId);
        int capacity = ((Number) seats[0]).intValue();
        int confirmed = ((Number) seats[1]).intValue();
        Signup existing = live(sessionId, registrationId);
        if (existing != null) {
            return new SignupOutcome(existing, false); // asking twice keeps one seat or one place in line
        }
        Status status = confirmed < capacity ? Status.CONFIRMED : Status.WAITLISTED;
        entityManager.createNativeQuery("""
                        INSERT INTO session_signup (session_id, registration_id, status) VALUES (?1, ?2, ?3)""")
                .setParameter(1, sessionId).setParameter(2, registrationId).setParameter(3, status.name())
                .executeUpdate();
        if (status == Status.CONFIRMED) {
            entityManager.createNativeQuery("UPDATE forum_session SET confirmed_count = confirmed_count + 1 WHERE id = ?1")
                    .setParameter(1, sessionId).executeUpdate();
        }
        return new SignupOutcome(live(sessionId, registrationId), true);
    }

    /** @return the participant's live sign-up, or null */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Signup live(UUID sessionId, UUID registrationId) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT s.id, s.status, s.signed_up_at, s.promoted_at,
                               CASE WHEN s.status = 'WAITLISTED' THEN (SELECT count(*) FROM session_signup w
                                    WHERE w.session_id = s.session_id AND w.status = 'WAITLISTED' AND w.id <= s.id) END
                        FROM session_signup s
                        WHERE s.session_id = ?1 AND s.registration_id = ?2 AND s.status <> 'CANCELLED'""")
                .setParameter(1, sessionId).setParameter(2, registrationId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        return new Signup(((Number) row[0]).longValue(), sessionId, registrationId, Status.valueOf((String) row[1]),
                row[4] == null ? null : ((Number) row[4]).longValue(), toOffset(row[2]), toOffset(row[3]));
    }

    /**
     * Cancels the live sign-up of a registration for a session; a confirmed seat passes to the first
     * in line. @return the id of the promoted sign-up, or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Long cancel(UUID sessionId, UUID registrationId) {
        lockSession(sessionId);
        Signup signup = live(sessionId, registrationId);
        if (signup == null) {
            throw ProblemException.notFound("Sign-up for session", sessionId);
        }
        entityManager.createNativeQuery("UPDATE session_signup SET status = 'CANCELLED', cancelled_at = now() WHERE id = ?1")
                .setParameter(1, signup.id()).executeUpdate();
        if (signup.status() != Status.CONFIRMED) {
            return null;
        }
        List<?> promoted = entityManager.createNativeQuery("""
                        UPDATE session_signup SET status = 'CONFIRMED', promoted_at = now()
                        WHERE id = (SELECT id FROM session_signup WHERE session_id = ?1 AND status = 'WAITLISTED'
                                    ORDER BY id LIMIT 1)
                        RETURNING id""")
                .setParameter(1, sessionId).getResultList();
        if (promoted.isEmpty()) {
            entityManager.createNativeQuery("UPDATE forum_session SET confirmed_count = confirmed_count - 1 WHERE id = ?1")
                    .setParameter(1, sessionId).executeUpdate();
            return null;
        }
        return ((Number) promoted.get(0)).longValue();
    }

    /** Cancels every live sign-up of a registration (when the registration is cancelled), promoting the waitlists. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelAll(UUID registrationId) {
        @SuppressWarnings("unchecked")
        List<UUID> sessions = entityManager.createNativeQuery("""
                        SELECT session_id FROM session_signup WHERE registration_id = ?1 AND status <> 'CANCELLED'
                        ORDER BY session_id""", UUID.class) // a fixed lock order, so two cancellations never deadlock
                .setParameter(1, registrationId).getResultList();
        sessions.forEach(sessionId -> cancel(sessionId, registrationId));
    }

    /** @return {capacity, confirmed_count} of the session, its row now locked until the transaction ends */
    private Object[] lockSession(UUID sessionId) {
        List<?> rows = entityManager.createNativeQuery(
                        "SELECT capacity, confirmed_count FROM forum_session WHERE id = ?1 FOR UPDATE")
                .setParameter(1, sessionId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Session", sessionId);
        }
        return (Object[]) rows.get(0);
    }

    static OffsetDateTime toOffset(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
