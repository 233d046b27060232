-- Synthetic stocktaking entries for the search benchmark, generated inside PostgreSQL.
-- Run after the service's migrations (the service started once against this database):
--   psql -h 127.0.0.1 -p 16432 -U postgres -d stocktaking -v entries=100000 -f generate.sql
-- Rows are owned by 'bench-generator'; a new run replaces them.
-- -v mix=six (run.sh: LANGUAGES=six, issue 21): entries in the six UN languages in equal shares, each written
-- with topic words of its own language (20 per language besides English's 100; Chinese without spaces, among
-- CJK filler), and every fifth entry carrying an approved translation into the next language: the corpus
-- queries-six-languages.txt searches. The default mix (-v mix=en) is the English corpus of the earlier runs.
-- Text: titles have two topic words (of 100, the words searched in queries.txt) and descriptions
-- two, among filler words drawn with a skew from 3,000 (frequent words common, rare ones rare),
-- so one topic word is in about 4% of entries, as a subject word of a real corpus would be.
\set ON_ERROR_STOP on
\if :{?mix}
\else
\set mix en
\endif
\timing on

DELETE FROM entry_prize WHERE entry_id IN (SELECT id FROM entry WHERE owner_id = 'bench-generator');
DELETE FROM entry_revision WHERE entry_id IN (SELECT id FROM entry WHERE owner_id = 'bench-generator');
DELETE FROM entry WHERE owner_id = 'bench-generator';

-- a filler word: 'lex' plus a number in 0..2999, small numbers far more frequent than large ones
CREATE FUNCTION pg_temp.filler_word(r double precision) RETURNS text LANGUAGE sql AS
    $$ SELECT 'lex' || (2999 * r * r * r)::int $$;

CREATE TEMP TABLE vocab AS SELECT ARRAY[
    'solar', 'schools', 'broadband', 'health', 'farmers', 'women', 'youth', 'digital', 'literacy', 'mobile',
    'payments', 'telemedicine', 'cybersecurity', 'open', 'data', 'government', 'rural', 'connectivity', 'radio', 'library',
    'innovation', 'skills', 'coding', 'startups', 'climate', 'weather', 'water', 'identity', 'inclusion', 'accessibility',
    'disabilities', 'elderly', 'satellite', 'fibre', 'community', 'networks', 'e-learning', 'agriculture', 'markets', 'science',
    'research', 'museum', 'heritage', 'languages', 'media', 'journalism', 'ethics', 'artificial', 'intelligence', 'cloud',
    'platform', 'services', 'citizens', 'portal', 'training', 'teachers', 'students', 'clinic', 'vaccination', 'emergency',
    'disaster', 'early', 'warning', 'energy', 'grid', 'transport', 'cities', 'smart', 'sensors', 'fisheries',
    'forests', 'biodiversity', 'tourism', 'jobs', 'employment', 'entrepreneurs', 'finance', 'banking', 'postal', 'commerce',
    'trade', 'customs', 'tax', 'justice', 'courts', 'parliament', 'elections', 'privacy', 'protection', 'children',
    'online', 'safety', 'helpline', 'refugees', 'migrants', 'indigenous', 'culture', 'television', 'archives', 'policy'
]::text[] AS w;

-- the other five UN languages' topic words (mix=six), 20 each
CREATE TEMP TABLE vocab_un (lang text PRIMARY KEY, w text[]);
INSERT INTO vocab_un VALUES
    ('fr', ARRAY['solaire', 'écoles', 'santé', 'agriculteurs', 'femmes', 'jeunesse', 'numérique', 'alphabétisation', 'mobile', 'paiements',
                 'télémédecine', 'cybersécurité', 'gouvernement', 'rurale', 'connectivité', 'radio', 'bibliothèque', 'innovation', 'compétences', 'climat']),
    ('es', ARRAY['solar', 'escuelas', 'salud', 'agricultores', 'mujeres', 'juventud', 'digital', 'alfabetización', 'móvil', 'pagos',
                 'telemedicina', 'ciberseguridad', 'gobierno', 'rural', 'conectividad', 'radio', 'biblioteca', 'innovación', 'habilidades', 'clima']),
    ('ru', ARRAY['солнечная', 'школы', 'здравоохранение', 'фермеры', 'женщины', 'молодёжь', 'цифровая', 'грамотность', 'мобильная', 'платежи',
                 'телемедицина', 'кибербезопасность', 'правительство', 'сельская', 'связь', 'радио', 'библиотека', 'инновации', 'навыки', 'климат']),
    ('ar', ARRAY['الطاقة', 'المدارس', 'الصحة', 'المزارعين', 'النساء', 'الشباب', 'الرقمية', 'الأمية', 'المحمول', 'المدفوعات',
                 'التطبيب', 'السيبراني', 'الحكومة', 'الريفية', 'الاتصال', 'الإذاعة', 'المكتبة', 'الابتكار', 'المهارات', 'المناخ']),
    ('zh', ARRAY['太阳能', '学校', '卫生', '农民', '妇女', '青年', '数字', '扫盲', '移动', '支付',
                 '远程医疗', '网络安全', '政府', '农村', '连通', '广播', '图书馆', '创新', '技能', '气候']);

-- a topic word of a language (English: of the 100 above)
CREATE FUNCTION pg_temp.topic(lang text, r double precision) RETURNS text LANGUAGE sql AS $$
    SELECT CASE WHEN lang = 'en' THEN (SELECT w[1 + (r * 99)::int] FROM vocab)
                ELSE (SELECT w[1 + (r * 19)::int] FROM vocab_un u WHERE u.lang = topic.lang) END $$;

-- a filler word: Latin 'lex' words, or for Chinese two CJK ideographs drawn with the same skew
CREATE FUNCTION pg_temp.filler(lang text, r double precision, r2 double precision) RETURNS text LANGUAGE sql AS $$
    SELECT CASE WHEN lang = 'zh' THEN chr(19968 + (2999 * r * r * r)::int) || chr(19968 + (2999 * r2 * r2 * r2)::int)
                ELSE pg_temp.filler_word(r) END $$;

-- n words with topic words at positions 3 and 11; Chinese is written without spaces
CREATE FUNCTION pg_temp.text_in(lang text, n int) RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(CASE WHEN i IN (3, 11) THEN pg_temp.topic(lang, random()) ELSE pg_temp.filler(lang, random(), random()) END,
                      CASE WHEN lang = 'zh' THEN '' ELSE ' ' END)
    FROM generate_series(1, n) AS i $$;

CREATE TEMP TABLE bench_codes AS SELECT
    ARRAY(SELECT code FROM action_line ORDER BY code) AS action_lines,
    ARRAY(SELECT alpha3 FROM country WHERE itu_region IS NOT NULL ORDER BY alpha3) AS countries,  -- alpha-3, as entries store since V9
    ARRAY(SELECT code FROM sdg_target ORDER BY code) AS targets,
    ARRAY(SELECT code FROM stakeholder_type ORDER BY code) AS stakeholders,
    ARRAY(SELECT code FROM target_group ORDER BY code) AS groups;

INSERT INTO entry (id, owner_id, title, description, organisation, action_lines, status, created_at, updated_at,
                   published_at, countries, sdg_targets, target_groups, stakeholder_type, stocktaking_year,
                   project_status, language, success_story, start_date)
SELECT gen_random_uuid(), 'bench-generator',
       CASE WHEN :'mix' = 'six' AND l.lang <> 'en' THEN pg_temp.text_in(l.lang, 4 + g % 3)
            ELSE initcap(v.w[1 + (random() * 99)::int]) || ' ' || v.w[1 + (random() * 99)::int] || ' for '
                 || pg_temp.filler_word(random()) || ' ' || pg_temp.filler_word(random()) END,
       -- 30-80 words: two topic words among filler words
       CASE WHEN :'mix' = 'six' AND l.lang <> 'en' THEN pg_temp.text_in(l.lang, 30 + g % 50)
            ELSE (SELECT string_agg(CASE WHEN i IN (3, 11) THEN v.w[1 + (random() * 99)::int] ELSE pg_temp.filler_word(random()) END, ' ')
                  FROM generate_series(1, 30 + g % 50) AS i WHERE g > 0) END,
       'Organisation ' || (g % 5000),
       ARRAY(SELECT DISTINCT c.action_lines[1 + (random() * 18)::int] FROM generate_series(1, 1 + g % 3) WHERE g > 0),
       CASE WHEN g % 33 = 0 THEN 'DRAFT' WHEN g % 37 = 0 THEN 'SUBMITTED' ELSE 'PUBLISHED' END,
       make_timestamptz(2005 + g % 21, 1 + g % 12, 1 + g % 28, 12, 0, 0, 'UTC'),
       make_timestamptz(2005 + g % 21, 1 + g % 12, 1 + g % 28, 12, 0, 0, 'UTC'),
       make_timestamptz(2005 + g % 21, 1 + g % 12, 1 + g % 28, 12, 0, 0, 'UTC'),
       ARRAY(SELECT DISTINCT c.countries[1 + (random() * (cardinality(c.countries) - 1))::int] FROM generate_series(1, 1 + g % 2) WHERE g > 0),
       ARRAY(SELECT DISTINCT c.targets[1 + (random() * 168)::int] FROM generate_series(1, 1 + g % 3) WHERE g > 0),
       ARRAY(SELECT DISTINCT c.groups[1 + (random() * (cardinality(c.groups) - 1))::int] FROM generate_series(1, g % 3) WHERE g > 0),
       c.stakeholders[1 + g % 6],
       2005 + g % 21,
       (ARRAY['PLANNED', 'ONGOING', 'COMPLETED'])[1 + g % 3],
       l.lang,
       g % 50 = 0,
       make_date(2000 + g % 25, 1 + g % 12, 1)
FROM generate_series(1, :entries) AS g
     CROSS JOIN LATERAL (SELECT CASE WHEN :'mix' = 'six' THEN (ARRAY['en', 'fr', 'es', 'ru', 'ar', 'zh'])[1 + g % 6]
                                     WHEN g % 100 < 80 THEN 'en' WHEN g % 100 < 88 THEN 'fr' WHEN g % 100 < 95 THEN 'es'
                                     ELSE (ARRAY['ar', 'ru', 'zh'])[1 + g % 3] END AS lang) l,
     vocab v, bench_codes c;

-- mix=six: every fifth entry carries an approved (HUMAN) translation into the next language of the six
UPDATE entry e SET translations = jsonb_build_object(t.lang, jsonb_build_object(
        'title', pg_temp.text_in(t.lang, 5), 'description', pg_temp.text_in(t.lang, 40),
        'origin', 'HUMAN', 'translatorId', 'bench-translator', 'translatedAt', '2026-01-01T00:00:00Z'))
FROM (SELECT id, (ARRAY['fr', 'es', 'ru', 'ar', 'zh', 'en'])[array_position(ARRAY['en', 'fr', 'es', 'ru', 'ar', 'zh'], language)] AS lang
      FROM entry WHERE owner_id = 'bench-generator' AND :'mix' = 'six' AND random() < 0.2) t
WHERE e.id = t.id;

-- derived columns, as the service computes them
UPDATE entry e SET
    regions = ARRAY(SELECT DISTINCT itu_region FROM country WHERE alpha3 = ANY (e.countries) AND itu_region IS NOT NULL),
    sdgs = ARRAY(SELECT DISTINCT sdg_number FROM sdg_target WHERE code = ANY (e.sdg_targets) ORDER BY 1)
WHERE owner_id = 'bench-generator';

UPDATE entry SET stocktaking_year = NULL, published_at = NULL WHERE owner_id = 'bench-generator' AND status <> 'PUBLISHED';

VACUUM ANALYZE entry;
SELECT status, count(*) FROM entry WHERE owner_id = 'bench-generator' GROUP BY status;
SELECT language, count(*), count(*) FILTER (WHERE translations <> '{}'::jsonb) AS translated
FROM entry WHERE owner_id = 'bench-generator' GROUP BY language ORDER BY language;
