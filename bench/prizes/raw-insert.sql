-- pgbench script: the same row the service inserts per vote, straight into a copy of the vote
-- table (same primary key and index, no HTTP, no JVM, no token, no tally, no idempotency key).
\set voter random(1, 1000000000000)
\set category random(1, 18)
INSERT INTO vote_raw (edition_year, category, voter_id, submission_id, client_id)
VALUES (2017, 'C' || :category, 'raw-voter-' || :voter, gen_random_uuid(), 'pgbench')
ON CONFLICT (edition_year, category, voter_id) DO NOTHING;
