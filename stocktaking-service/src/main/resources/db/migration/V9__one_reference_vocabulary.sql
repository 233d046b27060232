-- One reference vocabulary for the platform (issue 19): ISO 3166-1 alpha-3 is the canonical country code,
-- the ITU regions gain INT (an international / global scope), stakeholder types gain OTHER, and Georgia,
-- Moldova and Ukraine are in ITU's Europe region (service-commons org.wsis.commons.reference.Countries
-- cites the source). The vocabulary itself now lives in service-commons; the tables below stay as the
-- record of what entries were validated against and as the alpha-2 -> alpha-3 table this migration uses.
-- Nothing is lost: every stored alpha-2 code has its alpha-3 in the country table (entries were validated
-- against it); a code that had none would be kept as it was rather than dropped.

INSERT INTO itu_region (code, name) VALUES ('INT', 'International (multi-country or global)')
    ON CONFLICT (code) DO NOTHING;
INSERT INTO stakeholder_type (code, name) VALUES ('OTHER', 'Other')
    ON CONFLICT (code) DO NOTHING;
UPDATE country SET itu_region = 'EUR' WHERE alpha2 IN ('GE', 'MD', 'UA');

-- alpha-2 -> alpha-3, order kept; filter_vector and facet_tags are generated columns and follow.
CREATE FUNCTION vocabulary_alpha3(codes TEXT[]) RETURNS TEXT[]
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(coalesce(c.alpha3, u.code) ORDER BY u.n), '{}')
    FROM unnest(codes) WITH ORDINALITY AS u(code, n) LEFT JOIN country c ON c.alpha2 = u.code
$$;

UPDATE entry SET countries = vocabulary_alpha3(countries)
    WHERE countries <> '{}' AND EXISTS (SELECT 1 FROM unnest(countries) v WHERE length(v) = 2);

-- An entry's regions are those chosen plus those of its countries. Entries with Georgia, Moldova or
-- Ukraine gain EUR; CIS stays where it was (it may have been chosen, not derived; a moderator can edit).
UPDATE entry SET regions = regions || ARRAY['EUR']
    WHERE countries && ARRAY['GEO', 'MDA', 'UKR'] AND NOT regions @> ARRAY['EUR'];

-- Revisions keep the entry's content after each change (and proposed edits awaiting moderation): the
-- same codes in the same form, so a revision reads like the entry and a proposed edit publishes as is.
UPDATE entry_revision SET snapshot = jsonb_set(snapshot, '{countries}',
        to_jsonb(vocabulary_alpha3(ARRAY(SELECT jsonb_array_elements_text(snapshot -> 'countries')))))
    WHERE jsonb_typeof(snapshot -> 'countries') = 'array' AND jsonb_array_length(snapshot -> 'countries') > 0;

DROP FUNCTION vocabulary_alpha3(TEXT[]);

COMMENT ON COLUMN entry.countries IS 'ISO 3166-1 alpha-3 (since V9; alpha-2 before)';
