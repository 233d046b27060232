-- pgbench script: the service's whole vote transaction in SQL (nominee lookup, vote insert,
-- tally increment, idempotency key), without HTTP, JSON, tokens or the JVM.
\set voter random(1, 1000000000000)
\set pick random(1, 180)
BEGIN;
SELECT s.category, s.status, e.voting_opens, e.results_open, e.nominees_announced_at
  FROM submission s JOIN edition e ON e.year = s.edition_year
 WHERE s.id = (SELECT id FROM raw_nominee WHERE n = :pick) AND s.edition_year = 2017;
INSERT INTO idempotency_key (scope, caller, idempotency_key, request_hash)
VALUES ('raw', 'raw-voter-' || :voter, 'raw-' || :voter, 'x') ON CONFLICT DO NOTHING;
INSERT INTO vote_raw (edition_year, category, voter_id, submission_id, client_id)
SELECT 2017, category, 'raw-voter-' || :voter, id, 'pgbench' FROM raw_nominee WHERE n = :pick
ON CONFLICT (edition_year, category, voter_id) DO NOTHING;
UPDATE vote_tally_raw SET votes = votes + 1 WHERE n = :pick;
UPDATE idempotency_key SET response_status = 201, response_body = '{"category":"C1"}'
 WHERE scope = 'raw' AND caller = 'raw-voter-' || :voter AND idempotency_key = 'raw-' || :voter;
END;
