-- Issue 18 item 1: optional e-mail step-up for risky votes (see voting/StepUp).

-- Which real-time signals make a vote risky in this edition (JSON, see voting/StepUpRules);
-- null: no step-up (the default). Frozen with the other rules once voting opens.
ALTER TABLE edition ADD COLUMN step_up_rules TEXT;

-- The one current e-mailed code per voter and edition: only its salted hash is kept; it expires, locks
-- after too many wrong tries, and how often a new one may be sent is counted per hour.
CREATE TABLE vote_step_up (
    edition_year      INT         NOT NULL REFERENCES edition (year),
    voter_id          TEXT        NOT NULL,
    code_hash         TEXT        NOT NULL,
    salt              TEXT        NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL,
    failed_attempts   INT         NOT NULL DEFAULT 0,
    verified_at       TIMESTAMPTZ,
    last_sent_at      TIMESTAMPTZ NOT NULL,
    sent_window_start TIMESTAMPTZ NOT NULL,
    sent_in_window    INT         NOT NULL,
    PRIMARY KEY (edition_year, voter_id)
);
-- The time-window signals use V3's vote_by_address / vote_by_device indexes (no new index on the
-- vote table: every index slows the batched insert of every vote, step-up or not).
