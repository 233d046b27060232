-- Issue 21 item 2: an entry carries translations of its title and description, each with its origin
-- (OWNER: the owner wrote this language version; HUMAN: a person translated it; MACHINE: machine
-- translated), its translator and time. entry.language stays the owner's original language (every row
-- has one since V3; rows written before it was asked for got the default 'en', which no migration can
-- do better than: the text was never analysed, so 'en' is kept as the documented default).
--   translations         {"fr": {"title": ..., "description": ..., "origin": "HUMAN", "translatorId": ..., "translatedAt": ...}}
--                        the approved ones: what the public reads and search indexes;
--   pending_translations the same shape, awaiting a moderator (a translation of a published entry is moderated
--                        like an edit); a draft's translations are approved with the entry itself.
ALTER TABLE entry ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'::jsonb,
                  ADD COLUMN pending_translations jsonb NOT NULL DEFAULT '{}'::jsonb,
                  ADD COLUMN translations_pending boolean GENERATED ALWAYS AS (pending_translations <> '{}'::jsonb) STORED;

-- The approved translations as the entry's own text is indexed (V8): title A and description B stemmed in the
-- translation's language, plus both unstemmed, so a French query finds a Chinese entry with a French translation
-- and ranks it as it would rank a French entry.
CREATE FUNCTION entry_translations_vector(translations jsonb) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    v tsvector := ''::tsvector;
    lang TEXT;
    t jsonb;
BEGIN
    IF translations IS NULL THEN
        RETURN v;
    END IF;
    FOR lang, t IN SELECT key, value FROM jsonb_each(translations) ORDER BY key LOOP
        v := v || setweight(to_tsvector(entry_text_config(lang), search_text(coalesce(t ->> 'title', ''))), 'A')
               || setweight(to_tsvector(entry_text_config(lang), search_text(coalesce(t ->> 'description', ''))), 'B')
               || setweight(to_tsvector('simple'::regconfig, search_text(coalesce(t ->> 'title', ''))), 'C')
               || setweight(to_tsvector('simple'::regconfig, search_text(coalesce(t ->> 'description', ''))), 'D');
    END LOOP;
    RETURN v;
END
$$;

ALTER TABLE entry DROP COLUMN search_vector, DROP COLUMN filter_vector;

ALTER TABLE entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(entry_text_config(language), search_text(title)), 'A')
        || setweight(to_tsvector(entry_text_config(language), search_text(description)), 'B')
        || setweight(to_tsvector('simple'::regconfig, search_text(title || ' ' || organisation)), 'C')
        || setweight(to_tsvector('simple'::regconfig, search_text(description)), 'D')
        || entry_translations_vector(translations)
) STORED;

ALTER TABLE entry ADD COLUMN filter_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(entry_text_config(language), search_text(title)), 'A')
        || setweight(to_tsvector(entry_text_config(language), search_text(description)), 'B')
        || setweight(to_tsvector('simple'::regconfig, search_text(title || ' ' || organisation)), 'C')
        || setweight(to_tsvector('simple'::regconfig, search_text(description)), 'D')
        || entry_translations_vector(translations)
        || entry_tags(action_lines, regions, countries, sdgs, sdg_targets, target_groups, prize_outcomes)
) STORED;

CREATE INDEX entry_search ON entry USING GIN (search_vector);
CREATE INDEX entry_filter ON entry USING GIN (filter_vector);
