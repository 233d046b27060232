-- A batch that is not finished (RECEIVED, VALIDATING, PUBLISHING) is being worked on by one service
-- instance, which touches heartbeat_at regularly. If that instance dies (crash, SIGKILL, node lost),
-- the heartbeat stops and any instance's reaper marks the batch FAILED ("send it again"): without
-- this, a job accepted with 202 stayed VALIDATING forever. Publication is one transaction, so an
-- abandoned batch never published anything.
ALTER TABLE batch ADD COLUMN heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX batch_unfinished ON batch (heartbeat_at) WHERE status IN ('RECEIVED', 'VALIDATING', 'PUBLISHING');
