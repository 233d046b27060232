-- Issue 18: who may vote, frozen rules, embargoed results, vote signals and validity.

-- The cut-off for voters' accounts (default: the opening of voting) and the ceremony, when results
-- become public. Both are fixed in advance; once voting opens the rules are frozen (see EditionService).
ALTER TABLE edition ADD COLUMN voter_accounts_before TIMESTAMPTZ;
ALTER TABLE edition ADD COLUMN ceremony_at TIMESTAMPTZ;
-- When the results-published event was handed to the outbox (at or after the ceremony, never before).
ALTER TABLE edition ADD COLUMN results_announced_at TIMESTAMPTZ;
-- Detection rules of this edition (JSON, see voting/ScreeningRules); null: the service's defaults.
ALTER TABLE edition ADD COLUMN screening_rules TEXT;

-- Who changed an edition's dates after voting opened (only extensions are allowed), and why.
CREATE TABLE edition_audit (
    id            BIGSERIAL PRIMARY KEY,
    edition_year  INT         NOT NULL REFERENCES edition (year),
    changed_by    TEXT        NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL,
    reason        TEXT        NOT NULL,
    before_state  TEXT        NOT NULL,
    after_state   TEXT        NOT NULL
);
CREATE INDEX edition_audit_by_year ON edition_audit (edition_year, id);

-- What an audit needs of each vote (kept until signals_expire_at, then erased: see SignalRetention),
-- and its validity: PENDING until screened, then VALID or EXCLUDED with the rule(s) that excluded it.
ALTER TABLE vote ADD COLUMN client_address  TEXT;
ALTER TABLE vote ADD COLUMN device_hash     TEXT;
ALTER TABLE vote ADD COLUMN account_created_at TIMESTAMPTZ;
ALTER TABLE vote ADD COLUMN email_domain    TEXT;
ALTER TABLE vote ADD COLUMN status          TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'VALID', 'EXCLUDED'));
ALTER TABLE vote ADD COLUMN reason          TEXT;
-- Set by a prize admin's confirmation or overturn: screening no longer changes such a vote.
ALTER TABLE vote ADD COLUMN decided_by      TEXT;
ALTER TABLE vote ADD COLUMN signals_erased  BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX vote_by_address ON vote (edition_year, client_address);
CREATE INDEX vote_by_device ON vote (edition_year, device_hash);

-- Prize admins' decisions on votes (confirm or overturn an exclusion), with their reason.
CREATE TABLE vote_decision (
    id            BIGSERIAL PRIMARY KEY,
    edition_year  INT         NOT NULL,
    category      TEXT        NOT NULL,
    voter_id      TEXT        NOT NULL,
    before_status TEXT        NOT NULL,
    after_status  TEXT        NOT NULL,
    reason        TEXT        NOT NULL,
    decided_by    TEXT        NOT NULL,
    decided_at    TIMESTAMPTZ NOT NULL
);

-- The verifiable record published when voting closes: the pseudonymised ledger and its Merkle root.
CREATE TABLE vote_ledger (
    edition_year  INT    NOT NULL,
    position      INT    NOT NULL,
    voter_hmac    TEXT   NOT NULL,
    category      TEXT   NOT NULL,
    submission_id UUID   NOT NULL,
    status        TEXT   NOT NULL,
    reason        TEXT,
    PRIMARY KEY (edition_year, position)
);
CREATE TABLE ledger_digest (
    edition_year  INT PRIMARY KEY REFERENCES edition (year),
    entries       INT         NOT NULL,
    merkle_root   TEXT        NOT NULL,
    signature     TEXT        NOT NULL,
    public_key    TEXT        NOT NULL,   -- X.509, Base64: verifies the signature
    created_at    TIMESTAMPTZ NOT NULL
);
