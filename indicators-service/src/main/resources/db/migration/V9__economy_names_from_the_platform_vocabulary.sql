-- Issue 21: countries are named by the platform's one vocabulary, service-commons reference/country-labels.tsv (the
-- UN M49 names in the six UN languages: KOR is 'Republic of Korea'), which sdmx/Structures reads at runtime for
-- CL_AREA and every other name of an economy. The names V2 stored ('South Korea') were only ever displayed, so they
-- go: a second copy would drift. The economy table keeps the aggregates' names (WLD, ITU regions, LDC, LLDC, SIDS),
-- which no commons vocabulary has.
ALTER TABLE economy ALTER COLUMN name DROP NOT NULL;
UPDATE economy SET name = NULL WHERE kind = 'COUNTRY';
ALTER TABLE economy ADD CONSTRAINT economy_named_here_only_if_aggregate CHECK ((kind = 'COUNTRY') = (name IS NULL));
