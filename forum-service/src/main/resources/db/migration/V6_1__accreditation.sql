-- Issue 20: on-site access needs accreditation. A registration is REQUESTED; an organizer APPROVES it (badge) or
-- REJECTS it (with a reason), each decision audited. Everyone registered before was already admitted: CONFIRMED
-- becomes APPROVED (their badge codes are derived from the registration id, so they stay valid), decided by the
-- migration at their registration time. Nobody is lost: a row count per edition and status is unchanged.
ALTER TABLE registration
    ADD COLUMN decided_at TIMESTAMPTZ,
    ADD COLUMN decided_by TEXT,
    ADD COLUMN decision_reason TEXT;

ALTER TABLE registration DROP CONSTRAINT registration_status_check;
UPDATE registration SET status = 'APPROVED', decided_at = registered_at, decided_by = 'migration V6_1'
    WHERE status = 'CONFIRMED';
ALTER TABLE registration ADD CONSTRAINT registration_status_check
    CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED', 'CANCELLED', 'CANCELLED_BY_ORGANIZER'));

-- one live (requested or approved) registration per person and edition; after a rejection or a cancellation a new
-- request may follow
DROP INDEX registration_one_live_per_subject;
CREATE UNIQUE INDEX registration_one_live_per_subject ON registration (edition_year, subject_id)
    WHERE status IN ('REQUESTED', 'APPROVED');
-- the organizers' queue of requests to decide
CREATE INDEX registration_requests ON registration (edition_year, registered_at) WHERE status = 'REQUESTED';
