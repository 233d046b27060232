-- Issue 16: the WSIS Prizes statistics (results/PrizeStatistics, event statistics-published.v1) count entries,
-- nominees and valid votes by the entry's ITU regions and stakeholder type, learnt from stocktaking's entry
-- events like the rest of eligible_entry. Entries received before this migration have none: '{}' and NULL
-- ("not specified" in the statistics) until their next entry event.
ALTER TABLE eligible_entry
    ADD COLUMN stakeholder_type TEXT,
    ADD COLUMN regions          TEXT[] NOT NULL DEFAULT '{}';
