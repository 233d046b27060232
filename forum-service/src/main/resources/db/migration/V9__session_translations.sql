-- Issue 21 item 2: a session's title and description in several UN languages. language: the one the organizers
-- wrote it in (rows before this migration: 'en', the language every session was written in until now);
-- translations: {"fr": {"title": ..., "description": ..., "origin": "OWNER|HUMAN|MACHINE", "translatorId": ...,
-- "translatedAt": ...}}, set by organizers (staff: no moderation), read through Accept-Language or all at once.
ALTER TABLE forum_session
    ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
    ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'::jsonb;
