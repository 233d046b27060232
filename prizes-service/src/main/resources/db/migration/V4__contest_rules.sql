-- Issue 18, item 5: the contest as ITU runs it. Per-edition categories (the 18 action-line categories
-- by default, plus special prizes), per-edition review criteria (ITU's published criteria), scores per
-- criterion, and reviewers known from their own signed-in calls.

-- An edition's categories: the 18 action-line categories it starts with and the special prizes an
-- administrator adds before voting opens (frozen after, see edition/EditionCategories).
CREATE TABLE edition_category (
    edition_year  INT  NOT NULL REFERENCES edition (year),
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('ACTION_LINE', 'SPECIAL_PRIZE')),
    description   TEXT,
    sort_order    INT  NOT NULL,
    PRIMARY KEY (edition_year, code)
);

-- ITU's published review criteria (2026 call), the set a new edition starts with. Wording and sources:
-- review/ReviewCriteria.java.
CREATE TABLE review_criterion (
    field       TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    question    TEXT NOT NULL,
    sort_order  INT  NOT NULL UNIQUE
);
INSERT INTO review_criterion (field, name, question, sort_order) VALUES
    ('resultsAndImpact', 'Results and impact', 'What measurable results has the project achieved, and how much has it changed people''s lives or institutions?', 1),
    ('communityEmpowerment', 'Community empowerment', 'Does the project empower the communities it serves, with their participation and ownership?', 2),
    ('sdgRelevance', 'SDG relevance', 'How directly does the project contribute to the Sustainable Development Goals?', 3),
    ('replicability', 'Replicability', 'Could the project be replicated or scaled elsewhere by others?', 4),
    ('sustainability', 'Sustainability', 'Will the project last (funding, ownership, maintenance)?', 5),
    ('partnerships', 'Partnerships', 'Does the project build on partnerships between stakeholders (government, private sector, civil society, academia, international organisations)?', 6),
    ('wsisValues', 'WSIS values', 'Does the project serve the WSIS vision of a people-centred, inclusive and development-oriented information society and its action line?', 7);

-- The criteria an edition's reviewers score against: copied when the edition is created and never
-- changed afterwards (an edition's criteria are part of its rules).
CREATE TABLE edition_review_criterion (
    edition_year  INT  NOT NULL REFERENCES edition (year),
    field         TEXT NOT NULL,
    name          TEXT NOT NULL,
    question      TEXT NOT NULL,
    sort_order    INT  NOT NULL,
    PRIMARY KEY (edition_year, field)
);

-- Every new edition, however it is inserted (API, test or benchmark seed), starts with the default
-- categories and the published criteria.
CREATE FUNCTION edition_defaults() RETURNS trigger AS $$
BEGIN
    INSERT INTO edition_category (edition_year, code, name, kind, sort_order)
        SELECT NEW.year, code, name, 'ACTION_LINE', sort_order FROM category;
    INSERT INTO edition_review_criterion (edition_year, field, name, question, sort_order)
        SELECT NEW.year, field, name, question, sort_order FROM review_criterion;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER edition_defaults AFTER INSERT ON edition FOR EACH ROW EXECUTE FUNCTION edition_defaults();

-- Existing editions: the default categories.
INSERT INTO edition_category (edition_year, code, name, kind, sort_order)
    SELECT e.year, c.code, c.name, 'ACTION_LINE', c.sort_order FROM edition e CROSS JOIN category c;

-- Existing editions whose reviewers have already scored keep the five criteria they were scored
-- against; the others take ITU's published criteria.
INSERT INTO edition_review_criterion (edition_year, field, name, question, sort_order)
    SELECT e.year, l.field, l.name, l.question, l.sort_order FROM edition e
    CROSS JOIN (VALUES
        ('impact', 'Impact', 'How much does the project change people''s lives or institutions?', 1),
        ('innovation', 'Innovation', 'How new is the approach in its context?', 2),
        ('sustainability', 'Sustainability', 'Will it last (funding, ownership, maintenance)?', 3),
        ('replicability', 'Replicability', 'Could others reproduce it elsewhere?', 4),
        ('wsisAlignment', 'WSIS alignment', 'How well does it serve its action line and the SDGs?', 5)) AS l (field, name, question, sort_order)
    WHERE EXISTS (SELECT 1 FROM review r JOIN submission s ON s.id = r.submission_id
                  WHERE s.edition_year = e.year AND r.scored_at IS NOT NULL);
INSERT INTO edition_review_criterion (edition_year, field, name, question, sort_order)
    SELECT e.year, c.field, c.name, c.question, c.sort_order FROM edition e CROSS JOIN review_criterion c
    WHERE NOT EXISTS (SELECT 1 FROM edition_review_criterion x WHERE x.edition_year = e.year);

-- Submissions and winners name a category of their edition (no longer one of the fixed 18).
ALTER TABLE submission DROP CONSTRAINT submission_category_fkey;
ALTER TABLE submission ADD CONSTRAINT submission_edition_category_fkey
    FOREIGN KEY (edition_year, category) REFERENCES edition_category (edition_year, code);
ALTER TABLE category_winner DROP CONSTRAINT category_winner_category_fkey;
ALTER TABLE category_winner ADD CONSTRAINT category_winner_edition_category_fkey
    FOREIGN KEY (edition_year, category) REFERENCES edition_category (edition_year, code);

-- Scores per criterion of the edition ({"resultsAndImpact": 8, ...}) instead of five fixed columns.
ALTER TABLE review ADD COLUMN scores JSONB;
UPDATE review SET scores = jsonb_build_object('impact', impact, 'innovation', innovation,
        'sustainability', sustainability, 'replicability', replicability, 'wsisAlignment', wsis_alignment)
    WHERE scored_at IS NOT NULL;
ALTER TABLE review DROP COLUMN impact, DROP COLUMN innovation, DROP COLUMN sustainability,
    DROP COLUMN replicability, DROP COLUMN wsis_alignment;

-- Reviewers are real users: a prize-reviewer is known here once they have called prizes with their own
-- token (POST /reviewers/me, or reading their assignments); only known reviewers can be assigned.
CREATE TABLE prize_reviewer (
    user_id        TEXT PRIMARY KEY,          -- token subject
    username       TEXT,                      -- preferred_username claim, to find them
    display_name   TEXT,                      -- name claim
    first_seen_at  TIMESTAMPTZ NOT NULL,
    last_seen_at   TIMESTAMPTZ NOT NULL
);

-- Previous winners: looked up by entry and by organisation + title of earlier editions' winners.
CREATE INDEX prize_result_winners ON prize_result (outcome, edition_year) WHERE outcome = 'WINNER';
