-- Everything an entry records (capability 2), its moderation history (3), prize flags (7) and the
-- columns and indexes behind public search (4) and the reports (6).

ALTER TABLE entry
    ADD COLUMN contact_name      TEXT,
    ADD COLUMN contact_email     TEXT,
    ADD COLUMN stakeholder_type  TEXT REFERENCES stakeholder_type (code),
    ADD COLUMN countries         TEXT[]  NOT NULL DEFAULT '{}',   -- ISO 3166-1 alpha-2
    ADD COLUMN regions           TEXT[]  NOT NULL DEFAULT '{}',   -- ITU regions: chosen ones plus those of the countries
    ADD COLUMN sdg_targets       TEXT[]  NOT NULL DEFAULT '{}',   -- e.g. 4.4, 9.c
    ADD COLUMN sdgs              INT[]   NOT NULL DEFAULT '{}',   -- goals of the targets, kept for filters and facets
    ADD COLUMN target_groups     TEXT[]  NOT NULL DEFAULT '{}',
    ADD COLUMN start_date        DATE,
    ADD COLUMN end_date          DATE,
    ADD COLUMN project_status    TEXT CHECK (project_status IN ('PLANNED', 'ONGOING', 'COMPLETED')),
    ADD COLUMN links             TEXT[]  NOT NULL DEFAULT '{}',
    ADD COLUMN partners          TEXT[]  NOT NULL DEFAULT '{}',
    ADD COLUMN language          TEXT    NOT NULL DEFAULT 'en' CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
    -- the stocktaking year an entry counts for in the reports: the year it was first published
    ADD COLUMN stocktaking_year  INT,
    ADD COLUMN success_story     BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN prize_outcomes    TEXT[]  NOT NULL DEFAULT '{}',   -- WINNER / CHAMPION / NOMINEE of any edition
    ADD COLUMN return_comment    TEXT,                            -- the moderators' last request for changes
    ADD COLUMN pending_revision  INT;                             -- an edit of a published entry awaiting moderation

UPDATE entry SET stocktaking_year = EXTRACT(YEAR FROM published_at AT TIME ZONE 'UTC') WHERE published_at IS NOT NULL;

-- The text search configuration for an entry's language (no Chinese stemmer ships: 'simple').
CREATE FUNCTION entry_text_config(lang TEXT) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE lang
               WHEN 'en' THEN 'english'::regconfig
               WHEN 'fr' THEN 'french'::regconfig
               WHEN 'es' THEN 'spanish'::regconfig
               WHEN 'ru' THEN 'russian'::regconfig
               WHEN 'ar' THEN 'arabic'::regconfig
               ELSE 'simple'::regconfig
           END
$$;

-- Stemmed words in the entry's own language (title weighs more than description), plus the exact
-- words ('simple') so that a search in another language or for a name still finds the entry.
ALTER TABLE entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(entry_text_config(language), title), 'A')
        || setweight(to_tsvector(entry_text_config(language), description), 'B')
        || setweight(to_tsvector('simple'::regconfig, title || ' ' || organisation), 'C')
        || setweight(to_tsvector('simple'::regconfig, description), 'D')
) STORED;

CREATE INDEX entry_search ON entry USING GIN (search_vector);
CREATE INDEX entry_action_lines ON entry USING GIN (action_lines);
CREATE INDEX entry_countries ON entry USING GIN (countries);
CREATE INDEX entry_regions ON entry USING GIN (regions);
CREATE INDEX entry_sdgs ON entry USING GIN (sdgs);
CREATE INDEX entry_sdg_targets ON entry USING GIN (sdg_targets);
CREATE INDEX entry_target_groups ON entry USING GIN (target_groups);
CREATE INDEX entry_published_year ON entry (stocktaking_year) WHERE status = 'PUBLISHED';
CREATE INDEX entry_published_at ON entry (published_at DESC, id) WHERE status = 'PUBLISHED';
CREATE INDEX entry_success_stories ON entry (stocktaking_year) WHERE success_story;

-- Every change of an entry, with who made it and when; 'snapshot' is the entry's content after
-- the change (or, for CHANGE_PROPOSED, the edit a published entry's owner asks to publish).
CREATE TABLE entry_revision (
    entry_id    UUID        NOT NULL REFERENCES entry (id),
    revision    INT         NOT NULL,
    action      TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    snapshot    JSONB       NOT NULL,
    comment     TEXT,
    actor_id    TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (entry_id, revision)
);

-- Prize results received from prizes-service (topic prizes.results).
CREATE TABLE entry_prize (
    entry_id  UUID NOT NULL REFERENCES entry (id),
    edition   INT  NOT NULL,
    category  TEXT NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('WINNER', 'CHAMPION', 'NOMINEE')),
    PRIMARY KEY (entry_id, edition, category)
);
