-- Sessions of an edition's agenda.
CREATE TABLE forum_session (
    id              UUID PRIMARY KEY,
    edition_year    INT         NOT NULL REFERENCES forum_edition (year),
    kind            TEXT        NOT NULL CHECK (kind IN ('HIGH_LEVEL_POLICY', 'THEMATIC_WORKSHOP',
                        'ACTION_LINE_FACILITATION', 'INTERACTIVE', 'EXHIBITION', 'HACKATHON', 'PRIZE_CEREMONY')),
    title           TEXT        NOT NULL,
    description     TEXT,
    track           TEXT,
    action_lines    TEXT[]      NOT NULL DEFAULT '{}',
    room            TEXT,
    online_link     TEXT,
    starts_at       TIMESTAMPTZ NOT NULL,
    ends_at         TIMESTAMPTZ NOT NULL,
    speakers        TEXT[]      NOT NULL DEFAULT '{}',
    capacity        INT         NOT NULL CHECK (capacity > 0),
    -- seats taken by confirmed sign-ups; only changed with the row locked (see signup/SignupService)
    confirmed_count INT         NOT NULL DEFAULT 0 CHECK (confirmed_count BETWEEN 0 AND capacity),
    proposal_id     UUID,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX forum_session_agenda ON forum_session (edition_year, starts_at);
-- one prize ceremony per edition (created from the prizes' results event)
CREATE UNIQUE INDEX forum_session_one_prize_ceremony ON forum_session (edition_year) WHERE kind = 'PRIZE_CEREMONY';

-- Proposals answering an edition's call for sessions.
CREATE TABLE session_proposal (
    id                 UUID PRIMARY KEY,
    edition_year       INT         NOT NULL REFERENCES forum_edition (year),
    proposer_id        TEXT,       -- null once the proposer erased their personal data
    kind               TEXT        NOT NULL,
    title              TEXT        NOT NULL,
    description        TEXT        NOT NULL,
    track              TEXT,
    action_lines       TEXT[]      NOT NULL DEFAULT '{}',
    speakers           TEXT[]      NOT NULL DEFAULT '{}',
    status             TEXT        NOT NULL CHECK (status IN ('SUBMITTED', 'ACCEPTED', 'DECLINED')),
    decline_reason     TEXT,
    reviewed_by        TEXT,
    reviewed_at        TIMESTAMPTZ,
    session_id         UUID REFERENCES forum_session (id),
    submitted_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX session_proposal_by_edition ON session_proposal (edition_year, status);
CREATE INDEX session_proposal_by_proposer ON session_proposal (proposer_id);

-- A participant's registration for an edition. Erasure nulls the personal fields and the subject
-- but keeps the row (status, attendance, stakeholder type, region), so counts stay intact.
CREATE TABLE registration (
    id                  UUID PRIMARY KEY,
    edition_year        INT         NOT NULL REFERENCES forum_edition (year),
    subject_id          TEXT,
    attendance          TEXT        NOT NULL CHECK (attendance IN ('IN_PERSON', 'REMOTE')),
    full_name           TEXT,
    organisation        TEXT,
    stakeholder_type    TEXT        NOT NULL,
    country             CHAR(3),
    region              TEXT,
    accessibility_needs TEXT,
    consent_given_at    TIMESTAMPTZ,
    status              TEXT        NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED')),
    registered_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    cancelled_at        TIMESTAMPTZ,
    checked_in_at       TIMESTAMPTZ,
    checked_in_by       TEXT,
    erased_at           TIMESTAMPTZ,
    version             INT         NOT NULL DEFAULT 0
);
-- one live registration per person and edition; a cancelled one may be followed by a new one
CREATE UNIQUE INDEX registration_one_live_per_subject ON registration (edition_year, subject_id) WHERE status = 'CONFIRMED';
CREATE INDEX registration_by_subject ON registration (subject_id);
CREATE INDEX registration_counts ON registration (edition_year, status, stakeholder_type, region);

-- Sign-ups for a session. The id comes from a sequence taken while the session row is locked, so
-- it is the arrival order: the waitlist is served by ascending id.
CREATE TABLE session_signup (
    id              BIGSERIAL PRIMARY KEY,
    session_id      UUID        NOT NULL REFERENCES forum_session (id),
    registration_id UUID        NOT NULL REFERENCES registration (id),
    status          TEXT        NOT NULL CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'CANCELLED')),
    signed_up_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    promoted_at     TIMESTAMPTZ,
    cancelled_at    TIMESTAMPTZ
);
CREATE UNIQUE INDEX session_signup_one_live ON session_signup (session_id, registration_id) WHERE status <> 'CANCELLED';
CREATE INDEX session_signup_queue ON session_signup (session_id, status, id);
CREATE INDEX session_signup_by_registration ON session_signup (registration_id);
