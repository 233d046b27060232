-- Issue 20: a freed seat is OFFERED to the first on the waitlist with an acceptance deadline (forum.signup.offer-
-- acceptance); they accept (CONFIRMED) or decline (DECLINED), and an offer left past its deadline is EXPIRED by a
-- scheduled job, the seat then offered to the next. An offered seat is held: confirmed_count counts CONFIRMED and
-- OFFERED sign-ups, so the CHECK against capacity still means nothing is double-booked. Sign-ups promoted before
-- (CONFIRMED) stay confirmed.
ALTER TABLE session_signup DROP CONSTRAINT session_signup_status_check,
    ADD CONSTRAINT session_signup_status_check CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'OFFERED', 'DECLINED', 'EXPIRED',
        'CANCELLED', 'CANCELLED_BY_ORGANIZER')),
    ADD COLUMN offer_expires_at TIMESTAMPTZ;
-- a declined or expired offer ends that sign-up: the person may sign up again (at the end of the line)
DROP INDEX session_signup_one_live;
CREATE UNIQUE INDEX session_signup_one_live ON session_signup (session_id, registration_id)
    WHERE status IN ('CONFIRMED', 'WAITLISTED', 'OFFERED', 'CANCELLED_BY_ORGANIZER');
CREATE INDEX session_signup_open_offers ON session_signup (offer_expires_at) WHERE status = 'OFFERED';
