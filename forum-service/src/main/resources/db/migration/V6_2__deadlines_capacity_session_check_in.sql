-- Issue 20: registration deadline and in-person capacity per edition (either may be unset: no limit), and check-in
-- per session (a confirmed sign-up's badge scanned at the session's door), next to the edition's entrance check-in.
ALTER TABLE forum_edition
    ADD COLUMN registration_deadline TIMESTAMPTZ,
    ADD COLUMN capacity INT CHECK (capacity > 0);

ALTER TABLE session_signup
    ADD COLUMN checked_in_at TIMESTAMPTZ,
    ADD COLUMN checked_in_by TEXT;
