package org.wsis.forum.signup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.wsis.commons.problem.ProblemException;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Session sign-up with a hard seat limit. Every change of a session's seats first locks the
 * session row (SELECT ... FOR UPDATE), so sign-ups and cancellations of one session run one at a
 * time: confirmed seats never exceed capacity, and the sign-up id (a sequence value taken under
 * the lock) is the arrival order the waitlist is served in. A freed seat goes to the first
 * waitlisted sign-up in the same transaction as the cancellation. The session row also counts its
 * confirmed and waitlisted sign-ups, so nothing done under the lock grows with the waitlist.
 * New sign-ups arrive through {@link SignupBatcher}, which writes many in one turn on the lock.
 */
@ApplicationScoped
public class SignupService {
    /**
     * OFFERED: a freed seat held for the first on the waitlist until they accept (CONFIRMED), decline (DECLINED) or
     * let the offer expire (EXPIRED). CANCELLED: by the participant (or with their registration);
     * CANCELLED_BY_ORGANIZER: the session was cancelled.
     */
    public enum Status { CONFIRMED, WAITLISTED, OFFERED, DECLINED, EXPIRED, CANCELLED, CANCELLED_BY_ORGANIZER }

    /** The statuses of a sign-up that is still on (SQL): the ended ones are CANCELLED, DECLINED and EXPIRED. */
    static final String ON_SQL = "('CONFIRMED', 'WAITLISTED', 'OFFERED', 'CANCELLED_BY_ORGANIZER')";

    /** A sign-up as the participant sees it; position is 1-based on the waitlist, null when confirmed. */
    public record Signup(long id, UUID sessionId, UUID registrationId, Status status, @Schema(nullable = true) Long waitlistPosition,
                         OffsetDateTime signedUpAt, @Schema(nullable = true) OffsetDateTime promotedAt,
                         @Schema(nullable = true, description = "OFFERED: accept before this, or the seat passes to the next") OffsetDateTime offerExpiresAt) {
    }

    /** The outcome of a sign-up request: created now, or the live one that already existed. */
    public record SignupOutcome(Signup signup, boolean created) {
    }

    private final EntityManager entityManager;
    private final org.wsis.commons.events.Outbox outbox;
    private final java.time.Clock clock;
    private final java.time.Duration offerAcceptance;

    public SignupService(EntityManager entityManager, org.wsis.commons.events.Outbox outbox, java.time.Clock clock,
                         org.wsis.forum.ForumConfig config) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.clock = clock;
        this.offerAcceptance = config.signup().offerAcceptance();
    }

    /**
     * Signs the registrations up, in this order, with the session row locked once: the order of the
     * list is the arrival order (see {@link SignupBatcher}). A registration asked for twice, here or
     * earlier, keeps its one seat or place in line.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<SignupOutcome> signUpAll(UUID sessionId, List<UUID> registrationIds) {
        Seats seats = lockSession(sessionId);
        int confirmed = seats.confirmed();
        int waitlisted = seats.waitlisted();
        Map<UUID, Signup> signedUp = new HashMap<>();
        List<SignupOutcome> outcomes = new ArrayList<>(registrationIds.size());
        for (UUID registrationId : registrationIds) {
            Signup existing = signedUp.containsKey(registrationId) ? signedUp.get(registrationId) : live(sessionId, registrationId);
            if (existing != null) {
                outcomes.add(new SignupOutcome(existing, false));
                continue;
            }
            Status status = confirmed < seats.capacity() ? Status.CONFIRMED : Status.WAITLISTED;
            Object[] inserted = (Object[]) entityManager.createNativeQuery("""
                            INSERT INTO session_signup (session_id, registration_id, status) VALUES (?1, ?2, ?3)
                            RETURNING id, signed_up_at""")
                    .setParameter(1, sessionId).setParameter(2, registrationId).setParameter(3, status.name())
                    .getSingleResult();
            // Under the lock every earlier sign-up has a smaller id: the new one is last in line.
            Long position = status == Status.CONFIRMED ? null : (long) ++waitlisted;
            if (status == Status.CONFIRMED) {
                confirmed++;
            }
            Signup signup = new Signup(((Number) inserted[0]).longValue(), sessionId, registrationId, status, position,
                    toOffset(inserted[1]), null, null);
            signedUp.put(registrationId, signup);
            outcomes.add(new SignupOutcome(signup, true));
        }
        changeCounts(sessionId, confirmed - seats.confirmed(), waitlisted - seats.waitlisted());
        return outcomes;
    }

    /** @return the participant's live sign-up, or null */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Signup live(UUID sessionId, UUID registrationId) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT s.id, s.status, s.signed_up_at, s.promoted_at,
                               CASE WHEN s.status = 'WAITLISTED' THEN (SELECT count(*) FROM session_signup w
                                    WHERE w.session_id = s.session_id AND w.status = 'WAITLISTED' AND w.id <= s.id) END,
                               s.offer_expires_at
                        FROM session_signup s
                        WHERE s.session_id = ?1 AND s.registration_id = ?2 AND s.status IN """ + ON_SQL)
                .setParameter(1, sessionId).setParameter(2, registrationId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        return new Signup(((Number) row[0]).longValue(), sessionId, registrationId, Status.valueOf((String) row[1]),
                row[4] == null ? null : ((Number) row[4]).longValue(), toOffset(row[2]), toOffset(row[3]), toOffsetUtc(row[5]));
    }

    /**
     * Cancels the live sign-up of a registration for a session; a confirmed seat passes to the first
     * in line. @return the id of the promoted sign-up, or null
     */
    @Transactional
    public Long cancel(UUID sessionId, UUID registrationId) {
        lockSession(sessionId);
        Signup signup = live(sessionId, registrationId);
        if (signup == null) {
            throw ProblemException.notFound("Sign-up for session", sessionId);
        }
        if (signup.status() == Status.CANCELLED_BY_ORGANIZER) {
            throw ProblemException.conflict("The session was cancelled by the organizers: your sign-up is already cancelled");
        }
        entityManager.createNativeQuery("UPDATE session_signup SET status = 'CANCELLED', cancelled_at = now() WHERE id = ?1")
                .setParameter(1, signup.id()).executeUpdate();
        if (signup.status() == Status.WAITLISTED) {
            changeCounts(sessionId, 0, -1);
            return null;
        }
        return offerFreedSeat(sessionId); // a confirmed or offered seat
    }

    /**
     * A held seat (confirmed or offered) was given up, under the session's lock: it is OFFERED to the first on the
     * waitlist until the acceptance deadline (signup.offered.v1 tells them), or freed when nobody waits.
     * @return the id of the sign-up it was offered to, or null
     */
    private Long offerFreedSeat(UUID sessionId) {
        OffsetDateTime now = org.wsis.commons.time.ServiceClock.utcNow(clock);
        List<?> offered = entityManager.createNativeQuery("""
                        UPDATE session_signup SET status = 'OFFERED', promoted_at = ?2, offer_expires_at = ?3
                        WHERE id = (SELECT id FROM session_signup WHERE session_id = ?1 AND status = 'WAITLISTED'
                                    ORDER BY id LIMIT 1)
                        RETURNING id, registration_id, (SELECT edition_year FROM forum_session WHERE id = ?1)""")
                .setParameter(1, sessionId).setParameter(2, now).setParameter(3, now.plus(offerAcceptance)).getResultList();
        if (offered.isEmpty()) {
            changeCounts(sessionId, -1, 0);
            return null;
        }
        changeCounts(sessionId, 0, -1); // the seat is held for the first in line: one fewer in line
        Object[] row = (Object[]) offered.get(0);
        long signupId = ((Number) row[0]).longValue();
        UUID registrationId = (UUID) row[1];
        outbox.publish(org.wsis.forum.events.ForumEvents.REGISTRATIONS_TOPIC, registrationId.toString(),
                org.wsis.forum.events.ForumEvents.SIGNUP_OFFERED_V1, new org.wsis.forum.events.ForumEvents.SignupOffered(
                        signupId, sessionId, registrationId, ((Number) row[2]).intValue(), now.plus(offerAcceptance)));
        return signupId;
    }

    /** The participant takes the seat offered to them, before its deadline (409 otherwise). */
    @Transactional
    public Signup accept(UUID sessionId, UUID registrationId) {
        lockSession(sessionId);
        Signup signup = requireOffer(sessionId, registrationId);
        OffsetDateTime now = org.wsis.commons.time.ServiceClock.utcNow(clock);
        if (now.isAfter(signup.offerExpiresAt())) {
            throw ProblemException.conflict("The offer expired at " + signup.offerExpiresAt() + ": the seat passes to the next in line");
        }
        entityManager.createNativeQuery("UPDATE session_signup SET status = 'CONFIRMED', offer_expires_at = NULL WHERE id = ?1")
                .setParameter(1, signup.id()).executeUpdate();
        return live(sessionId, registrationId);
    }

    /** The participant declines the seat offered to them: it passes to the next in line at once. */
    @Transactional
    public Signup decline(UUID sessionId, UUID registrationId) {
        lockSession(sessionId);
        Signup signup = requireOffer(sessionId, registrationId);
        entityManager.createNativeQuery("UPDATE session_signup SET status = 'DECLINED', cancelled_at = ?2 WHERE id = ?1")
                .setParameter(1, signup.id()).setParameter(2, org.wsis.commons.time.ServiceClock.utcNow(clock)).executeUpdate();
        offerFreedSeat(sessionId);
        return new Signup(signup.id(), sessionId, registrationId, Status.DECLINED, null, signup.signedUpAt(), signup.promotedAt(),
                signup.offerExpiresAt());
    }

    private Signup requireOffer(UUID sessionId, UUID registrationId) {
        Signup signup = live(sessionId, registrationId);
        if (signup == null) {
            throw ProblemException.notFound("Sign-up for session", sessionId);
        }
        if (signup.status() != Status.OFFERED) {
            throw ProblemException.conflict("No seat is offered to you in this session (your sign-up is " + signup.status() + ")");
        }
        return signup;
    }

    /**
     * The offers of one session past their deadline become EXPIRED, each seat offered to the next in line, under the
     * session's lock (signup/OfferExpiry calls it per session, each in its own transaction). @return how many expired
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int expireOffers(UUID sessionId) {
        lockSession(sessionId);
        OffsetDateTime now = org.wsis.commons.time.ServiceClock.utcNow(clock);
        @SuppressWarnings("unchecked")
        List<Object> expired = entityManager.createNativeQuery("""
                        UPDATE session_signup SET status = 'EXPIRED', cancelled_at = ?2
                        WHERE session_id = ?1 AND status = 'OFFERED' AND offer_expires_at < ?2 RETURNING id""")
                .setParameter(1, sessionId).setParameter(2, now).getResultList();
        expired.forEach(id -> offerFreedSeat(sessionId));
        return expired.size();
    }

    /** Sessions with an offer past its deadline, in a fixed order (at most {@code limit}). */
    @SuppressWarnings("unchecked")
    @Transactional
    public List<UUID> sessionsWithExpiredOffers(int limit) {
        return entityManager.createNativeQuery("""
                        SELECT DISTINCT session_id FROM session_signup WHERE status = 'OFFERED' AND offer_expires_at < ?1
                        ORDER BY session_id LIMIT ?2""", UUID.class)
                .setParameter(1, org.wsis.commons.time.ServiceClock.utcNow(clock)).setParameter(2, limit).getResultList();
    }

    private void changeCounts(UUID sessionId, int confirmed, int waitlisted) {
        entityManager.createNativeQuery("""
                        UPDATE forum_session SET confirmed_count = confirmed_count + ?2, waitlisted_count = waitlisted_count + ?3
                        WHERE id = ?1""")
                .setParameter(1, sessionId).setParameter(2, confirmed).setParameter(3, waitlisted).executeUpdate();
    }

    /** Cancels every live sign-up of a registration (when the registration is cancelled), promoting the waitlists. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelAll(UUID registrationId) {
        @SuppressWarnings("unchecked")
        List<UUID> sessions = entityManager.createNativeQuery("""
                        SELECT session_id FROM session_signup WHERE registration_id = ?1 AND status IN ('CONFIRMED', 'WAITLISTED', 'OFFERED')
                        ORDER BY session_id""", UUID.class) // a fixed lock order, so two cancellations never deadlock
                .setParameter(1, registrationId).getResultList();
        sessions.forEach(sessionId -> cancel(sessionId, registrationId));
    }

    /**
     * The session is cancelled: every confirmed and waitlisted sign-up becomes CANCELLED_BY_ORGANIZER, under the
     * session's lock. @return the registrations whose sign-up it was, in arrival order
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> cancelAllOfSession(UUID sessionId) {
        lockSession(sessionId);
        @SuppressWarnings("unchecked")
        List<UUID> registrations = entityManager.createNativeQuery("""
                        UPDATE session_signup SET status = 'CANCELLED_BY_ORGANIZER', cancelled_at = now()
                        WHERE session_id = ?1 AND status IN ('CONFIRMED', 'WAITLISTED', 'OFFERED')
                        RETURNING registration_id""", UUID.class)
                .setParameter(1, sessionId).getResultList();
        entityManager.createNativeQuery("UPDATE forum_session SET confirmed_count = 0, waitlisted_count = 0 WHERE id = ?1")
                .setParameter(1, sessionId).executeUpdate();
        return registrations;
    }

    /**
     * After the session's capacity grew (already written): the first waitlisted take the new seats, in arrival
     * order, under the session's lock. @return how many were promoted
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int fillFreeSeats(UUID sessionId) {
        Seats seats = lockSession(sessionId);
        int free = Math.min(seats.capacity() - seats.confirmed(), seats.waitlisted());
        for (int seat = 0; seat < free; seat++) {
            changeCounts(sessionId, 1, 0); // a new seat, held by the offer (or given back when nobody is offered it)
            offerFreedSeat(sessionId);
        }
        return Math.max(free, 0);
    }

    private record Seats(int capacity, int confirmed, int waitlisted) {
    }

    /** @return the session's seat counts, its row now locked until the transaction ends */
    private Seats lockSession(UUID sessionId) {
        List<?> rows = entityManager.createNativeQuery(
                        "SELECT capacity, confirmed_count, waitlisted_count FROM forum_session WHERE id = ?1 FOR UPDATE")
                .setParameter(1, sessionId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Session", sessionId);
        }
        Object[] row = (Object[]) rows.get(0);
        return new Seats(((Number) row[0]).intValue(), ((Number) row[1]).intValue(), ((Number) row[2]).intValue());
    }

    /** A timestamp column as read by a native query, in UTC (null stays null). */
    public static OffsetDateTime toOffsetUtc(Object value) {
        OffsetDateTime t = toOffset(value);
        return t == null ? null : t.withOffsetSameInstant(java.time.ZoneOffset.UTC);
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
