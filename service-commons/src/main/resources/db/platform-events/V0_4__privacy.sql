-- Issue 20 item 1: personal data across the platform, the same tables in every service (service-commons privacy/).
-- An erasure is known by its id and the SHA-256 of the person's token subject, never by the subject itself: this
-- table (and the events that carry erasures between services) must not keep what the erasure removes.
CREATE TABLE privacy_erasure (
    id            UUID        PRIMARY KEY,
    subject_hash  TEXT        NOT NULL CHECK (subject_hash ~ '^[0-9a-f]{64}$'),
    origin        TEXT        NOT NULL,            -- the service where the person asked for it
    requested_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX privacy_erasure_by_subject ON privacy_erasure (subject_hash, requested_at);

-- Which services confirmed an erasure (every service records every confirmation it consumes, so the status can
-- be read at any of them), with what each erased or pseudonymised (counts per kind of data).
CREATE TABLE privacy_erasure_confirmation (
    erasure_id    UUID        NOT NULL,            -- no foreign key: a confirmation may arrive before its request
    service       TEXT        NOT NULL,
    confirmed_at  TIMESTAMPTZ NOT NULL,
    erased        JSONB       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(erased) = 'object'),
    PRIMARY KEY (erasure_id, service)
);

-- Consent, with the version of the text the person agreed to (privacy/Consents). Deleted with the person's data
-- on erasure.
CREATE TABLE consent_record (
    id            BIGSERIAL   PRIMARY KEY,
    subject_id    TEXT        NOT NULL,            -- token subject
    purpose       TEXT        NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$'),  -- e.g. forum.registration
    version       TEXT        NOT NULL,            -- the version of the notice agreed to, e.g. 2026-01
    given_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (subject_id, purpose, version)
);
CREATE INDEX consent_record_given ON consent_record (given_at);
