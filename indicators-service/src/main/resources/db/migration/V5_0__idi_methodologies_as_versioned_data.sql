-- ICT Development Index methodologies are data, not constants in code (issue 16, item 4): each
-- methodology version names its pillars (sub-indices) with weights, and per pillar the indicators
-- with weight, transform and goalposts. A published version is immutable (trigger below): a change
-- is a new version. Index values are computed on read from a methodology version and the observation
-- vintages (see idi/IdiCalculator), so the idi_score table of stored, overwritten scores goes.
DROP TABLE idi_score;

-- Components of the 2009-2017 IDI that had no definition yet. The education indicators are UNESCO
-- Institute for Statistics data; ITU republished them for the IDI, so ITU may upload them too.
INSERT INTO indicator (code, name, unit, unit_multiplier, sdg_indicator, custodian, methodology) VALUES
    ('IT_HH_COMP',  'Proportion of households with a computer', 'percent', 0, NULL, 'ITU', 'Households with a computer (desktop, laptop or tablet) at home divided by all households, from household surveys.'),
    ('IT_INT_BWPU', 'International Internet bandwidth per Internet user', 'bit/s per Internet user', 0, NULL, 'ITU', 'Used international Internet bandwidth in bit/s divided by the number of Internet users.'),
    ('SE_MYS',      'Mean years of schooling', 'years', 0, NULL, 'UNESCO', 'Average number of completed years of education of the population aged 25 and older (UNESCO Institute for Statistics).'),
    ('SE_SEC_GER',  'Gross enrolment ratio, secondary', 'percent', 0, NULL, 'UNESCO', 'Enrolment in secondary education, regardless of age, as a percentage of the population of official secondary school age (UIS).'),
    ('SE_TER_GER',  'Gross enrolment ratio, tertiary', 'percent', 0, NULL, 'UNESCO', 'Enrolment in tertiary education, regardless of age, as a percentage of the population of the five-year age group following secondary school leaving (UIS).'),
    ('SE_ADT_LITR', 'Adult literacy rate', 'percent', 0, NULL, 'UNESCO', 'Population aged 15 and over who can read and write a short simple statement on everyday life, as a percentage of that population (UIS).');
INSERT INTO indicator_provider (indicator_code, agency) VALUES
    ('IT_HH_COMP', 'ITU'), ('IT_INT_BWPU', 'ITU'),
    ('SE_MYS', 'UNESCO'), ('SE_SEC_GER', 'UNESCO'), ('SE_TER_GER', 'UNESCO'), ('SE_ADT_LITR', 'UNESCO'),
    ('SE_MYS', 'ITU'), ('SE_SEC_GER', 'ITU'), ('SE_TER_GER', 'ITU'), ('SE_ADT_LITR', 'ITU');

-- definition: {"pillars": [{"code", "name", "weight", "components": [{"indicator", "weight", "transform",
-- "zeroValue", "referenceValue"}]}]}. A null weight/transform/goalpost means "not loaded yet": such a
-- version is kept and shown but not computable (409 when asked for values).
CREATE TABLE idi_methodology (
    id            TEXT NOT NULL,
    version       INT  NOT NULL CHECK (version >= 1),
    name          TEXT NOT NULL,
    official      BOOLEAN NOT NULL,
    scale         DOUBLE PRECISION NOT NULL CHECK (scale > 0),
    source        TEXT,
    definition    JSONB NOT NULL,
    published_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_by  TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

-- Immutability in the database too, not only in the API: nothing may change or remove a published version.
CREATE FUNCTION idi_methodology_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'IDI methodology %/% is published and immutable; publish a new version', OLD.id, OLD.version;
END $$;
CREATE TRIGGER idi_methodology_no_change BEFORE UPDATE OR DELETE ON idi_methodology
    FOR EACH ROW EXECUTE FUNCTION idi_methodology_immutable();

-- The 2009-2017 IDI as the Measuring the Information Society reports 2015-2017 define it (11 indicators,
-- mean years of schooling in the skills sub-index, mobile-cellular reference 120). official = false: the
-- bandwidth reference value (2,158,212 bit/s per Internet user, log10 = 6.33, MIS 2017 Annex 1) could not be
-- checked against the report from here; ITU staff publish a checked version 2 with official = true.
INSERT INTO idi_methodology (id, version, name, official, scale, source, definition, published_by) VALUES
('IDI2017', 1, 'ICT Development Index, 2009-2017 methodology (MIS 2017 edition reference values)', false, 10,
 'ITU, Measuring the Information Society Report 2017, Annex 1 (indicators, reference values, weights). Not marked official: the bandwidth reference value was not verified against the report by this service.',
 '{"pillars": [
   {"code": "ACCESS", "name": "ICT access", "weight": 0.4, "components": [
     {"indicator": "IT_MLT_MAIN", "weight": 0.2, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 60},
     {"indicator": "IT_CEL_SETS", "weight": 0.2, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 120},
     {"indicator": "IT_INT_BWPU", "weight": 0.2, "transform": "LOG10", "zeroValue": 1, "referenceValue": 2158212},
     {"indicator": "IT_HH_COMP", "weight": 0.2, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 100},
     {"indicator": "IT_HH_NET", "weight": 0.2, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 100}]},
   {"code": "USE", "name": "ICT use", "weight": 0.4, "components": [
     {"indicator": "IT_USE_ii99", "weight": 0.33, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 100},
     {"indicator": "IT_NET_BBND", "weight": 0.33, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 60},
     {"indicator": "IT_MBB_SUBS", "weight": 0.33, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 100}]},
   {"code": "SKILLS", "name": "ICT skills", "weight": 0.2, "components": [
     {"indicator": "SE_MYS", "weight": 0.33, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 15},
     {"indicator": "SE_SEC_GER", "weight": 0.33, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 100},
     {"indicator": "SE_TER_GER", "weight": 0.33, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 100}]}
 ]}', 'migration V5_0');

-- The same methodology with the reference values of ITU's Figure 2.2 "ICT Development Index: indicators and
-- weights" (adult literacy in the skills sub-index, mobile-cellular 180, bandwidth 280,377 bit/s = log 5.45),
-- read from ITU's own server: https://www.itu.int/wftp3/Public/epub_shared/BDT/2010_mis/web/WebSearch/page0024.html
-- (the MIS 2010 edition, per docs/domain.md). Every value is ITU's published one, so official = true.
INSERT INTO idi_methodology (id, version, name, official, scale, source, definition, published_by) VALUES
('IDI2010', 1, 'ICT Development Index, 2009-2017 methodology (MIS 2010 edition reference values)', true, 10,
 'ITU, Measuring the Information Society 2010, Figure 2.2 (https://www.itu.int/wftp3/Public/epub_shared/BDT/2010_mis/web/WebSearch/page0024.html)',
 '{"pillars": [
   {"code": "ACCESS", "name": "ICT access", "weight": 0.4, "components": [
     {"indicator": "IT_MLT_MAIN", "weight": 0.2, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 60},
     {"indicator": "IT_CEL_SETS", "weight": 0.2, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 180},
     {"indicator": "IT_INT_BWPU", "weight": 0.2, "transform": "LOG10", "zeroValue": 1, "referenceValue": 280377},
     {"indicator": "IT_HH_COMP", "weight": 0.2, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 100},
     {"indicator": "IT_HH_NET", "weight": 0.2, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 100}]},
   {"code": "USE", "name": "ICT use", "weight": 0.4, "components": [
     {"indicator": "IT_USE_ii99", "weight": 0.33, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 100},
     {"indicator": "IT_NET_BBND", "weight": 0.33, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 60},
     {"indicator": "IT_MBB_SUBS", "weight": 0.33, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 100}]},
   {"code": "SKILLS", "name": "ICT skills", "weight": 0.2, "components": [
     {"indicator": "SE_ADT_LITR", "weight": 0.33, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 100},
     {"indicator": "SE_SEC_GER", "weight": 0.33, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 100},
     {"indicator": "SE_TER_GER", "weight": 0.33, "transform": "LINEAR", "zeroValue": 0, "referenceValue": 100}]}
 ]}', 'migration V5_0');

-- The IDI 2023 structure (two pillars, ten indicators). Its goalposts, transforms and weights are in ITU's
-- methodology annex, which is not at hand: they are left null (not invented), so this version is not
-- computable until ITU staff load a version with them through the API.
INSERT INTO idi_methodology (id, version, name, official, scale, source, definition, published_by) VALUES
('IDI2023', 1, 'ICT Development Index 2023 (structure only: goalposts, transforms and weights to be loaded)', false, 100,
 'ITU, Measuring digital development: The ICT Development Index 2023 (structure). Goalposts not loaded.',
 '{"pillars": [
   {"code": "UNIVERSAL", "name": "Universal connectivity", "weight": null, "components": [
     {"indicator": "IT_USE_ii99", "weight": null, "transform": null, "zeroValue": null, "referenceValue": null},
     {"indicator": "IT_HH_NET", "weight": null, "transform": null, "zeroValue": null, "referenceValue": null},
     {"indicator": "IT_MBB_SUBS", "weight": null, "transform": null, "zeroValue": null, "referenceValue": null}]},
   {"code": "MEANINGFUL", "name": "Meaningful connectivity", "weight": null, "components": [
     {"indicator": "IT_POP_3G", "weight": null, "transform": null, "zeroValue": null, "referenceValue": null},
     {"indicator": "IT_POP_4G", "weight": null, "transform": null, "zeroValue": null, "referenceValue": null},
     {"indicator": "IT_MBB_TRAF", "weight": null, "transform": null, "zeroValue": null, "referenceValue": null},
     {"indicator": "IT_FBB_TRAF", "weight": null, "transform": null, "zeroValue": null, "referenceValue": null},
     {"indicator": "IT_MOB_BSKT", "weight": null, "transform": null, "zeroValue": null, "referenceValue": null},
     {"indicator": "IT_FBB_BSKT", "weight": null, "transform": null, "zeroValue": null, "referenceValue": null},
     {"indicator": "IT_MOB_OWN", "weight": null, "transform": null, "zeroValue": null, "referenceValue": null}]}
 ]}', 'migration V5_0');
