-- Waitlisted sign-ups per session, kept next to confirmed_count and changed under the same row lock:
-- a new sign-up's waitlist position is then waitlisted_count + 1, instead of a count over the
-- whole waitlist (up to thousands of index entries) while every other sign-up waits for the lock.
ALTER TABLE forum_session ADD COLUMN waitlisted_count INT NOT NULL DEFAULT 0 CHECK (waitlisted_count >= 0);
UPDATE forum_session s SET waitlisted_count =
    (SELECT count(*) FROM session_signup w WHERE w.session_id = s.id AND w.status = 'WAITLISTED');
