-- ICT indicator definitions: the SDG ICT indicators ITU is custodian of, and UNESCO's school
-- connectivity indicator (seeds 000:459-467, 000:915-942; 004:24-26).
CREATE TABLE indicator (
    code             TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    unit             TEXT NOT NULL,
    unit_multiplier  INT  NOT NULL DEFAULT 0,     -- SDMX UNIT_MULT: value x 10^n
    sdg_indicator    TEXT,
    custodian        TEXT NOT NULL
);
INSERT INTO indicator (code, name, unit, sdg_indicator, custodian) VALUES
    ('IT_USE_ii99',  'Proportion of individuals using the Internet', 'percent', '17.8.1', 'ITU'),
    ('IT_NET_BBND',  'Fixed Internet broadband subscriptions per 100 inhabitants, by speed', 'per 100 inhabitants', '17.6.1', 'ITU'),
    ('IT_MOB_OWN',   'Proportion of individuals who own a mobile telephone', 'percent', '5.b.1', 'ITU'),
    ('IT_MOB_NTWK',  'Proportion of population covered by a mobile network, by technology', 'percent', '9.c.1', 'ITU'),
    ('IT_SKILLS',    'Proportion of youth and adults with ICT skills, by type of skill', 'percent', '4.4.1', 'ITU'),
    ('SE_ACS_INTNT', 'Proportion of schools with access to the Internet for pedagogical purposes', 'percent', '4.a.1', 'UNESCO');

-- Which agency may submit data for which indicator (the token's 'agency' claim is checked against it).
CREATE TABLE indicator_provider (
    indicator_code  TEXT NOT NULL REFERENCES indicator (code),
    agency          TEXT NOT NULL,
    PRIMARY KEY (indicator_code, agency)
);
INSERT INTO indicator_provider (indicator_code, agency)
SELECT code, custodian FROM indicator;
