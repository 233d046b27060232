-- Issue 17: an entry's contact person is shown to the public only when its owner opts in.
-- Existing entries stay private (default off): their owners never agreed to publication.
ALTER TABLE entry ADD COLUMN public_contact boolean NOT NULL DEFAULT false;
