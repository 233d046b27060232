-- WSIS action lines (Geneva Plan of Action), with C7's eight applications, and their lead
-- facilitators (seed 000, lines 156-178).
CREATE TABLE action_line (
    code           TEXT PRIMARY KEY,
    parent_code    TEXT REFERENCES action_line (code),
    name           TEXT NOT NULL,
    lead_agencies  TEXT NOT NULL
);

INSERT INTO action_line (code, parent_code, name, lead_agencies) VALUES
    ('C1',  NULL, 'The role of public governance authorities and all stakeholders in the promotion of ICTs for development', 'UN DESA'),
    ('C2',  NULL, 'Information and communication infrastructure', 'ITU'),
    ('C3',  NULL, 'Access to information and knowledge', 'UNESCO'),
    ('C4',  NULL, 'Capacity building', 'ITU'),
    ('C5',  NULL, 'Building confidence and security in the use of ICTs', 'ITU'),
    ('C6',  NULL, 'Enabling environment', 'ITU'),
    ('C7',  NULL, 'ICT applications: benefits in all aspects of life', 'ITU, UNDP, UNESCO, WHO, UPU, ILO, UNEP, FAO, WMO, UNCTAD, ITC, UN DESA'),
    ('C7.E-GOV',  'C7', 'E-government', 'UN DESA'),
    ('C7.E-BUS',  'C7', 'E-business', 'ITC, UNCTAD, UPU'),
    ('C7.E-LEARN','C7', 'E-learning', 'UNESCO'),
    ('C7.E-HEALTH','C7','E-health', 'WHO'),
    ('C7.E-EMP',  'C7', 'E-employment', 'ILO'),
    ('C7.E-ENV',  'C7', 'E-environment', 'WHO, WMO, UNEP, UN-Habitat, ITU, ICAO'),
    ('C7.E-AGRI', 'C7', 'E-agriculture', 'FAO'),
    ('C7.E-SCI',  'C7', 'E-science', 'UNESCO, UNCTAD'),
    ('C8',  NULL, 'Cultural diversity and identity, linguistic diversity and local content', 'UNESCO'),
    ('C9',  NULL, 'Media', 'UNESCO'),
    ('C10', NULL, 'Ethical dimensions of the Information Society', 'UNESCO'),
    ('C11', NULL, 'International and regional cooperation', 'UN DESA');

-- A stocktaking entry: a project or initiative implementing the WSIS action lines.
CREATE TABLE entry (
    id            UUID PRIMARY KEY,
    owner_id      TEXT        NOT NULL,               -- token subject of the creator
    title         TEXT        NOT NULL,
    description   TEXT        NOT NULL,
    organisation  TEXT        NOT NULL,
    action_lines  TEXT[]      NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'PUBLISHED', 'RETURNED', 'ARCHIVED')),
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    published_at  TIMESTAMPTZ,
    version       BIGINT      NOT NULL DEFAULT 0      -- optimistic locking, exposed as ETag
);
CREATE INDEX entry_owner ON entry (owner_id);
CREATE INDEX entry_status ON entry (status);
