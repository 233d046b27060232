-- Issue 21 item 2: an indicator definition's name and methodology in the other UN languages, given by ITU staff
-- (PUT /api/v1/indicators/{code}/translations/{lang}). Definitions are written in English (the SDMX structures'
-- reference language, the name data messages carry), so 'en' is never a key. translations:
-- {"fr": {"title": <name>, "description": <methodology>, "origin": "OWNER|HUMAN|MACHINE", "translatorId": ..., "translatedAt": ...}}
-- (service-commons i18n/StoredTranslation, as prizes' edition_category.translations).
ALTER TABLE indicator
    ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'::jsonb
        CHECK (jsonb_typeof(translations) = 'object' AND NOT translations ? 'en');
