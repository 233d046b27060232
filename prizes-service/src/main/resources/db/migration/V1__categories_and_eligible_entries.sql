-- The 18 WSIS Prize categories: the action lines, with C7 split into its eight applications.
CREATE TABLE category (
    code        TEXT PRIMARY KEY,      -- same code as the action line
    name        TEXT NOT NULL,
    sort_order  INT  NOT NULL UNIQUE
);
INSERT INTO category (code, name, sort_order) VALUES
    ('C1', 'The role of public governance authorities and all stakeholders in the promotion of ICTs for development', 1),
    ('C2', 'Information and communication infrastructure', 2),
    ('C3', 'Access to information and knowledge', 3),
    ('C4', 'Capacity building', 4),
    ('C5', 'Building confidence and security in use of ICTs', 5),
    ('C6', 'Enabling environment', 6),
    ('C7.E-GOV', 'ICT applications: E-government', 7),
    ('C7.E-BUS', 'ICT applications: E-business', 8),
    ('C7.E-LEARN', 'ICT applications: E-learning', 9),
    ('C7.E-HEALTH', 'ICT applications: E-health', 10),
    ('C7.E-EMP', 'ICT applications: E-employment', 11),
    ('C7.E-ENV', 'ICT applications: E-environment', 12),
    ('C7.E-AGRI', 'ICT applications: E-agriculture', 13),
    ('C7.E-SCI', 'ICT applications: E-science', 14),
    ('C8', 'Cultural diversity and identity, linguistic diversity and local content', 15),
    ('C9', 'Media', 16),
    ('C10', 'Ethical dimensions of the Information Society', 17),
    ('C11', 'International and regional cooperation', 18);

-- Our copy of published stocktaking entries, fed only by stocktaking's events (never its database).
CREATE TABLE eligible_entry (
    entry_id      UUID PRIMARY KEY,
    owner_id      TEXT        NOT NULL,
    title         TEXT        NOT NULL,
    organisation  TEXT        NOT NULL,
    action_lines  TEXT[]      NOT NULL,
    published_at  TIMESTAMPTZ NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX eligible_entry_owner ON eligible_entry (owner_id);
