-- The service's next migration, after the shared ones got their own history.
ALTER TABLE entry ADD COLUMN status TEXT NOT NULL DEFAULT 'DRAFT';
