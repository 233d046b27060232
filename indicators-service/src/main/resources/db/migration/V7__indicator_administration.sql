-- Indicators administration through the API (issue 20 item 4): agencies, indicator definitions and code lists
-- are changed by ITU staff with no migration. This keeps every migrated row and adds what the API needs:
-- the agencies themselves, a version per indicator definition with its history, the code lists as rows with a
-- version, and one structure revision that every instance compares with its cached SDMX structures.

-- The agencies that may provide data (UNGIS members and the custodians already named). Grants and custodians
-- must name one of them.
CREATE TABLE agency (
    code        TEXT PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,31}$'),
    name        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO agency (code, name) VALUES
    ('ITU', 'International Telecommunication Union'),
    ('UNESCO', 'United Nations Educational, Scientific and Cultural Organization'),
    ('UNDESA', 'United Nations Department of Economic and Social Affairs'),
    ('UNCTAD', 'United Nations Conference on Trade and Development'),
    ('UNDP', 'United Nations Development Programme'),
    ('WIPO', 'World Intellectual Property Organization'),
    ('FAO', 'Food and Agriculture Organization of the United Nations'),
    ('ILO', 'International Labour Organization'),
    ('UNEP', 'United Nations Environment Programme'),
    ('WHO', 'World Health Organization'),
    ('UNICEF', 'United Nations Children''s Fund'),
    ('UPU', 'Universal Postal Union'),
    ('UNWOMEN', 'UN Women'),
    ('UNHCR', 'Office of the United Nations High Commissioner for Refugees'),
    ('UNIDO', 'United Nations Industrial Development Organization'),
    ('WMO', 'World Meteorological Organization'),
    ('UNECA', 'United Nations Economic Commission for Africa'),
    ('UNECE', 'United Nations Economic Commission for Europe'),
    ('ECLAC', 'Economic Commission for Latin America and the Caribbean'),
    ('ESCAP', 'Economic and Social Commission for Asia and the Pacific'),
    ('ESCWA', 'Economic and Social Commission for Western Asia');
INSERT INTO agency (code, name)
SELECT DISTINCT agency, agency FROM indicator_provider ON CONFLICT DO NOTHING;
INSERT INTO agency (code, name)
SELECT DISTINCT custodian, custodian FROM indicator ON CONFLICT DO NOTHING;
ALTER TABLE indicator_provider ADD CONSTRAINT indicator_provider_agency_fk FOREIGN KEY (agency) REFERENCES agency (code);
ALTER TABLE indicator ADD CONSTRAINT indicator_custodian_fk FOREIGN KEY (custodian) REFERENCES agency (code);

-- Indicator definitions are versioned: a change is a new version, every version kept (what a definition said
-- when data was published under it). version 1 is the migrated definition.
ALTER TABLE indicator ADD COLUMN version INT NOT NULL DEFAULT 1;
CREATE TABLE indicator_version (
    code        TEXT NOT NULL REFERENCES indicator (code),
    version     INT  NOT NULL,
    definition  JSONB NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL,
    changed_by  TEXT NOT NULL,
    PRIMARY KEY (code, version)
);
INSERT INTO indicator_version (code, version, definition, changed_at, changed_by)
SELECT code, 1, jsonb_build_object('code', code, 'name', name, 'unit', unit, 'unitMultiplier', unit_multiplier,
        'sdgIndicator', sdg_indicator, 'custodian', custodian, 'methodology', methodology), now(), 'migration'
FROM indicator;

-- Code lists as rows. version is the SDMX minor version: 1.<version>, 0 as migrated. 'editable' lists hold their
-- codes in the code table and are changed through the API; the others are built from tables (CL_AREA from
-- economy, CL_INDICATOR/CL_UNIT_* from indicator: their version follows CL_INDICATOR's) or are SDMX's own
-- (CL_FREQ, CL_OBS_STATUS: the upload rules know their codes).
CREATE TABLE codelist (
    id        TEXT PRIMARY KEY CHECK (id ~ '^CL_[A-Z0-9_]{1,40}$'),
    name      TEXT NOT NULL,
    version   INT  NOT NULL DEFAULT 0,
    editable  BOOLEAN NOT NULL
);
INSERT INTO codelist (id, name, editable) VALUES
    ('CL_FREQ', 'Frequency', false),
    ('CL_AREA', 'Economies (ISO 3166-1 alpha-3, annotated with UN M49) and aggregates', false),
    ('CL_INDICATOR', 'ICT indicators', false),
    ('CL_UNIT_MEASURE', 'Units of measure', false),
    ('CL_UNIT_MULT', 'Unit multipliers', false),
    ('CL_OBS_STATUS', 'Observation status', false),
    ('CL_SEX', 'Sex', true),
    ('CL_AGE', 'Age groups', true),
    ('CL_URBANISATION', 'Urban or rural area', true);
ALTER TABLE code ADD CONSTRAINT code_codelist_fk FOREIGN KEY (codelist) REFERENCES codelist (id);

-- One counter for every structural change (indicator, code list, agency): each instance's cached SDMX structures
-- and rendered messages are valid for one revision, so no instance serves a stale structure after a change.
CREATE TABLE structure_revision (
    singleton  BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
    revision   BIGINT NOT NULL
);
INSERT INTO structure_revision (singleton, revision) VALUES (true, 0);
