-- Issue 16: the published stocktaking entries, as far as the SDMX dataflow WSIS:DF_STOCKTAKING needs them.
-- Kept from stocktaking's entry events (statistics/StocktakingEntryEvents), never fetched from stocktaking:
-- published/updated insert or re-classify an entry, withdrawn (archived) deletes it.
-- Codes are stored as the dataflow's SDMX codes (statistics/StocktakingCodes): an empty list is stored as
-- '{_Z}' (not specified), so an entry without an SDG or a region still counts in every total.
CREATE TABLE stocktaking_entry (
    entry_id          UUID PRIMARY KEY,
    -- the stocktaking year: the UTC year the entry was first published, as stocktaking's reports count it
    stocktaking_year  INT    NOT NULL CHECK (stocktaking_year BETWEEN 1900 AND 2200),
    action_lines      TEXT[] NOT NULL CHECK (cardinality(action_lines) > 0),
    sdgs              TEXT[] NOT NULL CHECK (cardinality(sdgs) > 0),
    regions           TEXT[] NOT NULL CHECK (cardinality(regions) > 0),
    stakeholder_type  TEXT   NOT NULL,
    received_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The WSIS Prizes statistics of each edition whose results were published, as prizes announced them at the
-- ceremony (event statistics-published.v1, statistics/PrizeStatisticsEvents): the dataflow WSIS:DF_PRIZES.
-- Already aggregated by prizes, with _T totals (an entry in several regions counts once in a total, so totals
-- cannot be summed here); an edition's rows are replaced as a whole. Codes are the dataflow's SDMX codes.
CREATE TABLE prize_statistic (
    edition           INT    NOT NULL CHECK (edition BETWEEN 2000 AND 9999),
    category          TEXT   NOT NULL,
    region            TEXT   NOT NULL,
    stakeholder_type  TEXT   NOT NULL,
    measure           TEXT   NOT NULL CHECK (measure IN ('ENTRIES', 'NOMINEES', 'VALID_VOTES')),
    value             BIGINT NOT NULL CHECK (value >= 0),
    PRIMARY KEY (edition, category, region, stakeholder_type, measure)
);
