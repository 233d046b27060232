-- Issue 20: moderators' internal notes on an entry, kept apart from the comments its owner reads
-- (return comments, revision comments). Append-only: a note is corrected by a further note.
CREATE TABLE entry_moderator_note (
    id          UUID        PRIMARY KEY,
    entry_id    UUID        NOT NULL REFERENCES entry (id),
    author_id   TEXT        NOT NULL,
    text        TEXT        NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX entry_moderator_note_entry ON entry_moderator_note (entry_id, created_at);
