-- Issue 21 item 2: an edition's category name and description in several UN languages. language: the one prize
-- administrators wrote them in ('en' for every existing row: the 18 action-line categories are copied from the
-- English global list, and special prizes were written in English until now); translations:
-- {"fr": {"title": <name>, "description": ..., "origin": "OWNER|HUMAN|MACHINE", "translatorId": ..., "translatedAt": ...}}.
ALTER TABLE edition_category
    ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
    ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'::jsonb;
