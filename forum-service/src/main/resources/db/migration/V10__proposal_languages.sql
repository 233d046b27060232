-- Issue 21: a session proposal in the language its proposer writes. language: the UN language of title and
-- description (rows before this migration and requests without one: 'en', the documented default, as before);
-- translations: the proposer's own title and description in other UN languages, the shape of
-- forum_session.translations (V9): {"fr": {"title": ..., "description": ..., "origin": "OWNER", "translatorId": ...,
-- "translatedAt": ...}}. Accepting a proposal gives its session this language and these translations.
ALTER TABLE session_proposal
    ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
    ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'::jsonb;
