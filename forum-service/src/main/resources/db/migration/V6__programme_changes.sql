-- Issue 20: the programme can change. Editions and sessions are edited, rescheduled, moved (online, hybrid,
-- another room or venue) and cancelled by organizers; each carries a version for If-Match (optimistic
-- concurrency), its status, when its time or place last changed (a participant's view marks what changed
-- since they signed up or registered) and why it was cancelled.
ALTER TABLE forum_edition
    ADD COLUMN format TEXT,
    ADD COLUMN status TEXT NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'CANCELLED')),
    ADD COLUMN changed_at TIMESTAMPTZ,
    ADD COLUMN cancellation_reason TEXT,
    ADD COLUMN version INT NOT NULL DEFAULT 0;
-- hybrid (remote participation allowed) stays, now derived from the format: ONLINE and HYBRID allow remote.
UPDATE forum_edition SET format = CASE WHEN hybrid THEN 'HYBRID' ELSE 'IN_PERSON' END;
ALTER TABLE forum_edition ALTER COLUMN format SET NOT NULL,
    ADD CONSTRAINT forum_edition_format CHECK (format IN ('IN_PERSON', 'HYBRID', 'ONLINE')),
    ADD CONSTRAINT forum_edition_hybrid_follows_format CHECK (hybrid = (format <> 'IN_PERSON'));

ALTER TABLE forum_session
    ADD COLUMN status TEXT NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'CANCELLED')),
    ADD COLUMN changed_at TIMESTAMPTZ,
    ADD COLUMN cancellation_reason TEXT,
    ADD COLUMN version INT NOT NULL DEFAULT 0;

-- A cancelled session's sign-ups are cancelled by the organizer, not by their participant: kept apart, so the
-- participant's own view says what happened to their seat.
ALTER TABLE session_signup DROP CONSTRAINT session_signup_status_check,
    ADD CONSTRAINT session_signup_status_check CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'CANCELLED', 'CANCELLED_BY_ORGANIZER'));

-- An edition cancelled by the organizers cancels its registrations: CANCELLED_BY_ORGANIZER, apart from a
-- participant's own cancellation, so their own view says what happened.
ALTER TABLE registration DROP CONSTRAINT registration_status_check,
    ADD CONSTRAINT registration_status_check CHECK (status IN ('CONFIRMED', 'CANCELLED', 'CANCELLED_BY_ORGANIZER'));
