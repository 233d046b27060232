-- The yearly contest: editions and their phases, submissions, reviews, nominees, votes and results.

-- A withdrawn stocktaking entry (entry.withdrawn.v1) can no longer be submitted.
ALTER TABLE eligible_entry ADD COLUMN withdrawn_at TIMESTAMPTZ;

-- One edition per year. Each phase runs from its start until the next phase starts:
-- submission [submission_opens, review_opens), review, nomination, voting, results [results_open, ...).
CREATE TABLE edition (
    year                    INT PRIMARY KEY CHECK (year BETWEEN 2012 AND 9999),
    submission_opens        TIMESTAMPTZ NOT NULL,
    review_opens            TIMESTAMPTZ NOT NULL,
    nomination_opens        TIMESTAMPTZ NOT NULL,
    voting_opens            TIMESTAMPTZ NOT NULL,
    results_open            TIMESTAMPTZ NOT NULL,
    champions_per_category  INT         NOT NULL DEFAULT 5 CHECK (champions_per_category BETWEEN 1 AND 50),
    nominees_announced_at   TIMESTAMPTZ,
    results_published_at    TIMESTAMPTZ,
    version                 BIGINT      NOT NULL DEFAULT 0,
    CHECK (submission_opens < review_opens AND review_opens < nomination_opens
           AND nomination_opens < voting_opens AND voting_opens < results_open)
);

-- An entry owner's submission of one eligible entry to one category of an edition.
CREATE TABLE submission (
    id            UUID PRIMARY KEY,
    edition_year  INT         NOT NULL REFERENCES edition (year),
    entry_id      UUID        NOT NULL REFERENCES eligible_entry (entry_id),
    category      TEXT        NOT NULL REFERENCES category (code),
    owner_id      TEXT        NOT NULL,
    organisation  TEXT        NOT NULL,   -- copied from the eligible entry: reviewers of it are excluded
    title         TEXT        NOT NULL,
    summary       TEXT        NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('SUBMITTED', 'WITHDRAWN', 'NOMINATED')),
    submitted_at  TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    version       BIGINT      NOT NULL DEFAULT 0
);
-- One live submission per entry per edition (a withdrawn one may be replaced).
CREATE UNIQUE INDEX submission_one_per_entry ON submission (edition_year, entry_id) WHERE status <> 'WITHDRAWN';
CREATE INDEX submission_by_edition_category ON submission (edition_year, category, status);
CREATE INDEX submission_by_owner ON submission (owner_id);

-- A reviewer assigned to a submission by an administrator, and (once given) their scores.
CREATE TABLE review (
    submission_id          UUID        NOT NULL REFERENCES submission (id),
    reviewer_id            TEXT        NOT NULL,   -- token subject of a prize-reviewer
    reviewer_organisation  TEXT        NOT NULL,   -- as stated by the administrator (tokens carry none)
    assigned_at            TIMESTAMPTZ NOT NULL,
    impact                 INT CHECK (impact BETWEEN 0 AND 10),
    innovation             INT CHECK (innovation BETWEEN 0 AND 10),
    sustainability         INT CHECK (sustainability BETWEEN 0 AND 10),
    replicability          INT CHECK (replicability BETWEEN 0 AND 10),
    wsis_alignment         INT CHECK (wsis_alignment BETWEEN 0 AND 10),
    comment                TEXT,
    scored_at              TIMESTAMPTZ,
    PRIMARY KEY (submission_id, reviewer_id)
);
CREATE INDEX review_by_reviewer ON review (reviewer_id);

-- Every vote, kept for audit with its time and client. The primary key IS the rule
-- "one vote per voter per category per edition", enforced by the database.
CREATE TABLE vote (
    edition_year   INT         NOT NULL,
    category       TEXT        NOT NULL,
    voter_id       TEXT        NOT NULL,
    submission_id  UUID        NOT NULL REFERENCES submission (id),
    client_id      TEXT        NOT NULL,
    cast_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (edition_year, category, voter_id)
);
CREATE INDEX vote_by_voter ON vote (voter_id, edition_year);

-- Running count per nominee, incremented in the vote's own transaction: tallies are read
-- without counting a million rows, and always equal count(*) over vote.
CREATE TABLE vote_tally (
    submission_id  UUID PRIMARY KEY REFERENCES submission (id),
    edition_year   INT    NOT NULL,
    category       TEXT   NOT NULL,
    votes          BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX vote_tally_by_edition ON vote_tally (edition_year, category);

-- The expert group's winner per category (chosen among the champions), then the published results.
CREATE TABLE category_winner (
    edition_year   INT  NOT NULL REFERENCES edition (year),
    category       TEXT NOT NULL REFERENCES category (code),
    submission_id  UUID NOT NULL REFERENCES submission (id),
    chosen_by      TEXT NOT NULL,
    chosen_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (edition_year, category)
);

CREATE TABLE prize_result (
    edition_year   INT    NOT NULL REFERENCES edition (year),
    submission_id  UUID   NOT NULL REFERENCES submission (id),
    category       TEXT   NOT NULL,
    outcome        TEXT   NOT NULL CHECK (outcome IN ('WINNER', 'CHAMPION', 'NOMINEE')),
    votes          BIGINT NOT NULL,
    PRIMARY KEY (edition_year, submission_id)
);
