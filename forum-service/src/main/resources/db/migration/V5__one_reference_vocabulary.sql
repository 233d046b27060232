-- One reference vocabulary for the platform (issue 19): registrations keep the ITU region as the platform's
-- code (AFR, AMS, ARB, ASP, CIS, EUR) instead of its English name, and the country -> region table moves to
-- service-commons (org.wsis.commons.reference, countries.tsv), the one table every service reads. It agreed
-- with this one country for country (Georgia, Moldova and Ukraine in Europe), so only the spelling changes.
-- Stakeholder types gain OTHER (the column is free text written from the shared enum: nothing to change).

UPDATE registration SET region = CASE region
        WHEN 'Africa' THEN 'AFR'
        WHEN 'Americas' THEN 'AMS'
        WHEN 'Arab States' THEN 'ARB'
        WHEN 'Asia-Pacific' THEN 'ASP'
        WHEN 'CIS' THEN 'CIS'
        WHEN 'Europe' THEN 'EUR'
        ELSE region END  -- nothing else was ever written (country_region had a CHECK on these six)
    WHERE region IS NOT NULL;

ALTER TABLE registration ADD CONSTRAINT registration_region_code
    CHECK (region IS NULL OR region IN ('AFR', 'AMS', 'ARB', 'ASP', 'CIS', 'EUR'));

DROP TABLE country_region;
