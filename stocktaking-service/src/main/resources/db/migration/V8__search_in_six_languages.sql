-- Issue 21: search that works in the six UN languages. Every text is normalised the same way when it
-- is indexed and when it is searched for (search_text, in SQL so both sides cannot drift apart):
--  * accents dropped (the unaccent extension, a trusted one: the database's owner may create it), so
--    "education" finds "éducation" and "espanol" finds "español", before stemming;
--  * Arabic without diacritics (harakat, tatweel) and with one form of alef, ya and ta marbuta, so a
--    word written with or without its vowel marks is the same word;
--  * Chinese, Japanese and Korean runs, which have no spaces to split on, become overlapping character
--    bigrams (农村学校 -> 农村 村学 学校), the way CJK-aware search engines index them: a word inside a
--    sentence is found (宽带, 数字技能), a longer query matches as consecutive bigrams. A one-character
--    query finds nothing (there are no single characters in the index), as with those engines' defaults.
-- Russian stemming was there already ('russian' for entries in ru, and for Cyrillic queries: see TextQuery).
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its dictionary could be swapped); naming the dictionary makes it safe to
-- index, as PostgreSQL's documentation of unaccent suggests.
CREATE FUNCTION search_unaccent(t TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT unaccent('unaccent'::regdictionary, t)
$$;

CREATE FUNCTION search_arabic(t TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT CASE WHEN t !~ '[\u0600-\u06FF]' THEN t
                ELSE translate(regexp_replace(t, '[\u064B-\u065F\u0670\u0640]', '', 'g'), 'أإآٱىة', 'اااايه') END
$$;

-- Hiragana/Katakana, CJK ideographs (and extension A, compatibility) and Hangul syllables.
CREATE FUNCTION search_cjk_bigrams(t TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT CASE WHEN t !~ '[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uAC00-\uD7AF]' THEN t ELSE (
        SELECT coalesce(string_agg(
                   CASE WHEN r ~ '^[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uAC00-\uD7AF]'
                        THEN ' ' || CASE WHEN length(r) = 1 THEN r
                                         ELSE (SELECT string_agg(substr(r, i, 2), ' ' ORDER BY i)
                                               FROM generate_series(1, length(r) - 1) i) END || ' '
                        ELSE r END, '' ORDER BY n), '')
        FROM regexp_matches(t, '[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uAC00-\uD7AF]+|[^\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uAC00-\uD7AF]+', 'g')
             WITH ORDINALITY AS m(a, n), LATERAL (SELECT m.a[1] AS r) run) END
$$;

CREATE FUNCTION search_text(t TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT search_cjk_bigrams(search_arabic(search_unaccent(t)))
$$;

-- The same vectors as V3/V4, over the normalised text (their GIN indexes go with the columns).
ALTER TABLE entry DROP COLUMN search_vector, DROP COLUMN filter_vector;

ALTER TABLE entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(entry_text_config(language), search_text(title)), 'A')
        || setweight(to_tsvector(entry_text_config(language), search_text(description)), 'B')
        || setweight(to_tsvector('simple'::regconfig, search_text(title || ' ' || organisation)), 'C')
        || setweight(to_tsvector('simple'::regconfig, search_text(description)), 'D')
) STORED;

ALTER TABLE entry ADD COLUMN filter_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(entry_text_config(language), search_text(title)), 'A')
        || setweight(to_tsvector(entry_text_config(language), search_text(description)), 'B')
        || setweight(to_tsvector('simple'::regconfig, search_text(title || ' ' || organisation)), 'C')
        || setweight(to_tsvector('simple'::regconfig, search_text(description)), 'D')
        || entry_tags(action_lines, regions, countries, sdgs, sdg_targets, target_groups, prize_outcomes)
) STORED;

CREATE INDEX entry_search ON entry USING GIN (search_vector);
CREATE INDEX entry_filter ON entry USING GIN (filter_vector);
