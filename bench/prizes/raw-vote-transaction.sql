-- pgbench script: the service's whole vote transaction in SQL (idempotency key, then the single
-- vote statement: nominee check, insert ON CONFLICT, tally increment; then the stored response),
-- without HTTP, JSON, tokens or the JVM. Rows go to copies (vote_raw, vote_tally_raw).
\set voter random(1, 1000000000000)
\set pick random(1, 180)
BEGIN;
INSERT INTO idempotency_key (scope, caller, idempotency_key, request_hash)
VALUES ('raw', 'raw-voter-' || :voter, 'raw-' || :voter, 'x') ON CONFLICT DO NOTHING;
WITH nominee AS (
    SELECT s.id, s.category, r.n FROM raw_nominee r JOIN submission s ON s.id = r.id JOIN edition e ON e.year = s.edition_year
    WHERE r.n = :pick AND s.edition_year = 2017 AND s.status = 'NOMINATED'
      AND e.nominees_announced_at IS NOT NULL AND e.voting_opens <= now() AND now() < e.results_open
), cast_vote AS (
    INSERT INTO vote_raw (edition_year, category, voter_id, submission_id, client_id, cast_at)
    SELECT 2017, category, 'raw-voter-' || :voter, id, 'pgbench', now() FROM nominee
    ON CONFLICT (edition_year, category, voter_id) DO NOTHING RETURNING submission_id
), counted AS (
    UPDATE vote_tally_raw SET votes = votes + 1
    WHERE n = (SELECT n FROM nominee) AND EXISTS (SELECT 1 FROM cast_vote) RETURNING 1
)
SELECT (SELECT category FROM nominee), (SELECT count(*) FROM counted);
UPDATE idempotency_key SET response_status = 201, response_body = '{"category":"C1"}'
 WHERE scope = 'raw' AND caller = 'raw-voter-' || :voter AND idempotency_key = 'raw-' || :voter;
END;
