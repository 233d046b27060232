-- Benchmark fixture for edition :year, written straight into the prizes database (the flows that
-- produce it are covered by ContestFlowTest): an edition in its voting phase with an announced
-- nominee list of 10 nominees in each of the 18 categories, their tallies at zero.
INSERT INTO edition (year, submission_opens, review_opens, nomination_opens, voting_opens, results_open,
                     champions_per_category, nominees_announced_at)
VALUES (:year, now() - interval '40 days', now() - interval '30 days', now() - interval '20 days',
        now() - interval '1 day', now() + interval '30 days', 5, now() - interval '2 days');

INSERT INTO eligible_entry (entry_id, owner_id, title, organisation, action_lines, published_at)
SELECT gen_random_uuid(), 'bench-owner-' || c.code || '-' || n, 'Bench ' || :year || ' project ' || c.code || ' #' || n,
       'Bench organisation ' || n, ARRAY[c.code], now()
FROM category c, generate_series(1, 10) n;

INSERT INTO submission (id, edition_year, entry_id, category, owner_id, organisation, title, summary, status,
                        submitted_at, updated_at)
SELECT gen_random_uuid(), :year, e.entry_id, e.action_lines[1], e.owner_id, e.organisation, e.title,
       'Benchmark nominee', 'NOMINATED', now(), now()
FROM eligible_entry e WHERE e.title LIKE 'Bench ' || :year || ' project %';

INSERT INTO vote_tally (submission_id, edition_year, category, votes)
SELECT id, edition_year, category, 0 FROM submission WHERE edition_year = :year AND status = 'NOMINATED';
