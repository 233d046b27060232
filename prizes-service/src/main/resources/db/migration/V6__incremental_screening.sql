-- Issue 18: vote screening that keeps pace with a season of a million votes. A pass re-read every vote of
-- the season each minute (28.6 s per pass at 1.1 million votes, bench/prizes); it now re-decides only the
-- voters whose verdict can have changed since the last pass (see voting/VoteScreening).

-- The /24 (IPv4) or /48 (IPv6) network of a client address: the shared-device rule counts voters of one
-- device within one such network. One definition for every statement that needs it.
CREATE FUNCTION vote_subnet(address TEXT) RETURNS TEXT LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN address LIKE '%:%' THEN substring(address from '^(([0-9a-fA-F]*:){3})')
                ELSE substring(address from '^([0-9]+\.[0-9]+\.[0-9]+)\.') END
$$;

-- What the per-voter rules need of each voter, kept up to date by every pass for the voters it touched,
-- so that the rules across voters (identical choices, accounts created in bursts) are index lookups
-- instead of an aggregation over the whole season.
CREATE TABLE voter_screening (
    edition_year       INT              NOT NULL,
    voter_id           TEXT             NOT NULL,
    votes              INT              NOT NULL,
    span_seconds       DOUBLE PRECISION NOT NULL,  -- first to last vote
    choices            TEXT             NOT NULL,  -- md5 of "category=submission,..." in category order
    account_created_at TIMESTAMPTZ,
    jitter_seconds     DOUBLE PRECISION,           -- standard deviation of the gaps between votes
    PRIMARY KEY (edition_year, voter_id)
);
CREATE INDEX voter_screening_by_choices ON voter_screening (edition_year, choices);
CREATE INDEX voter_screening_by_creation ON voter_screening (edition_year, account_created_at);

-- A pass starts from the votes not screened yet.
CREATE INDEX vote_pending ON vote (edition_year, voter_id) WHERE status = 'PENDING';

-- The voters of votes already screened: later passes compare new voters with them.
INSERT INTO voter_screening (edition_year, voter_id, votes, span_seconds, choices, account_created_at, jitter_seconds)
SELECT edition_year, voter_id, count(*), coalesce(extract(epoch FROM max(cast_at) - min(cast_at)), 0),
       md5(string_agg(category || '=' || submission_id, ',' ORDER BY category)), min(account_created_at), stddev_samp(gap)
FROM (SELECT edition_year, voter_id, category, submission_id, cast_at, account_created_at,
             extract(epoch FROM cast_at - lag(cast_at) OVER (PARTITION BY edition_year, voter_id ORDER BY cast_at)) AS gap
      FROM vote) v
GROUP BY edition_year, voter_id;
