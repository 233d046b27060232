package org.wsis.stocktaking.search;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Public search, export and reports, anonymous. Entries are inserted straight into the database
 * with a random word in their titles, so each assertion sees only this class's entries.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "stocktaking"))
class SearchAndReportsTest {
    /** A word no other test uses: searching for it selects this class's entries. */
    static final String TOKEN = randomWord();
    static boolean inserted;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void insertEntriesOnce() {
        if (!inserted) {
            insertEntries();
            inserted = true;
        }
    }

    @jakarta.transaction.Transactional
    void insertEntries() {
        // title, description, language, action lines, countries (alpha-3, as stored since V9), regions, sdgs, stakeholder, year, status, success, entry status
        insert(TOKEN + " solar schools", "Solar-powered classrooms connect rural schools in Kenya", "en",
                "{C4,C7.E-LEARN}", "{KEN}", "{AFR}", "{4}", "CIVIL_SOCIETY", 2023, "ONGOING", true, "PUBLISHED");
        insert(TOKEN + " telemedicine network", "Remote health clinics reach villages", "en",
                "{C7.E-HEALTH}", "{IND}", "{ASP}", "{3}", "GOVERNMENT", 2024, "COMPLETED", false, "PUBLISHED");
        insert(TOKEN + " numérique pour les écoles", "Des écoles connectées au Sénégal", "fr",
                "{C4}", "{SEN}", "{AFR}", "{4}", "GOVERNMENT", 2024, "ONGOING", false, "PUBLISHED");
        insert(TOKEN + " school draft", "Not published yet: never found", "en",
                "{C4}", "{KEN}", "{AFR}", "{4}", "GOVERNMENT", 2024, "ONGOING", false, "DRAFT");
    }

    @Test
    void textSearchFindsOnlyPublishedEntriesWithFacetsAndTotals() {
        given().get("/api/v1/search?q=" + TOKEN).then().statusCode(200)
                .header("X-Total-Count", "3")
                .body("total", equalTo(3))
                .body("items.title", not(hasItem(TOKEN + " school draft")))
                .body("facets.actionLine.find { it.value == 'C4' }.count", equalTo(2))
                .body("facets.region.find { it.value == 'AFR' }.count", equalTo(2))
                .body("facets.year.find { it.value == '2024' }.count", equalTo(2))
                .body("facets.stakeholderType.find { it.value == 'GOVERNMENT' }.count", equalTo(2))
                .body("facets.sdg.find { it.value == '4' }.count", equalTo(2))
                .body("facets.language.find { it.value == 'fr' }.count", equalTo(1));
    }

    /**
     * A search page's weak ETag is the hash of exactly the bytes sent (service-commons HttpCaching writes the JSON once,
     * hashes it and sends those bytes), and revalidating with it is a 304 without a body.
     */
    @Test
    void aSearchPageIsSentAsTheJsonItsEtagHashes() throws Exception {
        var first = given().get("/api/v1/search?q=" + TOKEN);
        first.then().statusCode(200).contentType("application/json").body("total", equalTo(3));
        byte[] body = first.asByteArray();
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        assertEquals("W/\"" + hash + "\"", first.header("ETag"));
        given().header("If-None-Match", first.header("ETag")).get("/api/v1/search?q=" + TOKEN).then().statusCode(304)
                .body(equalTo(""));
    }

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    /**
     * A text search is planned once per connection (generic plan), and gives its connection back to the pool planning
     * for its values again, as every other statement of the service expects (application.properties).
     */
    @Test
    void textSearchesGiveTheirConnectionsBackPlanningForTheirValues() throws Exception {
        for (int i = 0; i < 12; i++) {
            given().get("/api/v1/search?q=" + TOKEN + " school").then().statusCode(200).body("items.title", contains(TOKEN + " solar schools"));
        }
        List<java.sql.Connection> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                java.sql.Connection connection = dataSource.getConnection();
                held.add(connection);
                try (var rs = connection.createStatement().executeQuery("SHOW plan_cache_mode")) {
                    rs.next();
                    assertEquals("force_custom_plan", rs.getString(1));
                }
            }
        } finally {
            for (java.sql.Connection connection : held) {
                connection.close();
            }
        }
    }

    @Inject
    SearchRepository repository;

    /**
     * ... and PostgreSQL really plans it once: in one transaction (the pool lends each statement the same connection)
     * the search's prepared statement shows generic plans only, after pgjdbc's prepareThreshold (5) uses.
     */
    @Test
    void aTextSearchIsPlannedGenericallyOncePerConnection() {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            SearchFilters filters = new SearchFilters();
            filters.q = TOKEN + " school";
            for (int i = 0; i < 8; i++) {
                assertEquals(1, repository.pageWithFacets(filters, SearchRepository.SortOrder.RELEVANCE, 0, 20, null).hits().size());
            }
            try (java.sql.Connection connection = dataSource.getConnection();
                 var rs = connection.createStatement().executeQuery("SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0)"
                         + " FROM pg_prepared_statements WHERE statement LIKE '%WITH matching AS MATERIALIZED%'")) {
                rs.next();
                assertTrue(rs.getLong(1) >= 3, "generic plans: " + rs.getLong(1));
                assertEquals(0, rs.getLong(2), "custom plans");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void wordsAreStemmedInTheQueryLanguageAndRanked() {
        // "school" finds "schools" (English stemming); title words rank above description words
        given().get("/api/v1/search?q=" + TOKEN + " school").then().statusCode(200)
                .body("items.title", contains(TOKEN + " solar schools"));
        given().get("/api/v1/search?lang=fr&q=" + TOKEN + " écoles connectée").then().statusCode(200)
                .body("items.title", contains(TOKEN + " numérique pour les écoles"));
        given().get("/api/v1/search?q=" + TOKEN + " -solar").then().statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    void filtersCombine() {
        given().get("/api/v1/search?q=" + TOKEN + "&region=AFR&stakeholderType=GOVERNMENT").then().statusCode(200)
                .body("items.title", contains(TOKEN + " numérique pour les écoles"));
        given().get("/api/v1/search?q=" + TOKEN + "&sdg=4&year=2023").then().statusCode(200)
                .body("items.title", contains(TOKEN + " solar schools"));
        given().get("/api/v1/search?q=" + TOKEN + "&actionLine=C7.E-HEALTH&actionLine=C7.E-LEARN").then()
                .body("total", equalTo(2));
        given().get("/api/v1/search?q=" + TOKEN + "&status=COMPLETED&country=IN&language=en").then()
                .body("items.title", contains(TOKEN + " telemedicine network"));
        given().get("/api/v1/search?q=" + TOKEN + "&fromYear=2024&toYear=2024&successStory=false").then()
                .body("total", equalTo(2));
        // tag filters without a text query (the same index answers them)
        given().get("/api/v1/search?country=SN&actionLine=C4&size=100").then().statusCode(200)
                .body("items.title", hasItem(TOKEN + " numérique pour les écoles"))
                .body("items.findAll { !it.countries.contains('SEN') || !it.actionLines.contains('C4') }", org.hamcrest.Matchers.empty());
        given().get("/api/v1/search?country=SN&actionLine=C7.E-HEALTH&size=100").then().statusCode(200)
                .body("items.title", not(hasItem(TOKEN + " numérique pour les écoles")));
    }

    /** Alpha-3 is the platform's canonical country code; alpha-2 and UN M49 (padded or not) mean the same country. */
    @Test
    void aCountryIsFoundByAlpha3Alpha2OrM49() {
        for (String senegal : new String[] {"SEN", "sen", "SN", "686"}) {
            given().get("/api/v1/search?q=" + TOKEN + "&country=" + senegal).then().statusCode(200)
                    .body("items.title", contains(TOKEN + " numérique pour les écoles"));
        }
        given().get("/api/v1/search?q=" + TOKEN + "&country=IND&country=356&country=IN").then().statusCode(200)
                .body("items.title", contains(TOKEN + " telemedicine network"));
        given().get("/api/v1/reference/countries").then().statusCode(200)
                .body("find { it.alpha3 == 'AFG' }.m49", equalTo("004"));
        // Afghanistan as SDG data writes it (M49 unpadded): known, so 200 rather than 422
        given().get("/api/v1/search?country=4").then().statusCode(200);
    }

    @Test
    void pagesAndSortsWithLinkHeaders() {
        given().get("/api/v1/search?q=" + TOKEN + "&sort=title&size=2").then().statusCode(200)
                .header("X-Total-Count", "3")
                .header("Link", containsString("rel=\"next\""))
                .body("items.title", contains(TOKEN + " numérique pour les écoles", TOKEN + " solar schools"));
        given().get("/api/v1/search?q=" + TOKEN + "&sort=title&size=2&page=1&facets=false").then().statusCode(200)
                .header("Link", containsString("rel=\"prev\""))
                .body("items.title", contains(TOKEN + " telemedicine network"))
                .body("facets", equalTo(null));
    }

    @Test
    void badFiltersAreProblemsNamingTheParameter() {
        problem("/api/v1/search?actionLine=C99", 422, "actionLine");
        problem("/api/v1/search?sdg=x", 400, "sdg");
        problem("/api/v1/search?year=1990", 400, "year");
        problem("/api/v1/search?country=XX", 422, "country");
        problem("/api/v1/search?country=XXX", 422, "country");
        problem("/api/v1/search?country=999", 422, "country");
        problem("/api/v1/search?sort=random", 400, "sort");
        problem("/api/v1/search?fromYear=2024&toYear=2020", 422, "toYear");
        problem("/api/v1/search/export?format=xml", 400, "format");
        // a language code is refused in the platform's one wording, for the query's language and the entries'
        for (String url : List.of("/api/v1/search?lang=de&q=school", "/api/v1/search?language=de")) {
            given().get(url).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].message", equalTo(org.wsis.commons.i18n.Translations.LANGUAGE_MESSAGE));
        }
        given().get("/api/v1/search?size=0").then().statusCode(400).contentType("application/problem+json");
        // issue 17: page x size past an int wrapped into a negative offset (a 500)
        given().get("/api/v1/search?page=21474837&size=100").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/entries?page=2147483647&size=100").then().statusCode(400).contentType("application/problem+json");
    }

    /** Issue 17: 33+ dashes made PostgreSQL fail the whole query ("tsquery stack too small": a 500 for anyone). */
    @Test
    void dashesAndOperatorsInTheWordsAreNeverAnError() {
        for (String q : new String[]{"-".repeat(40), "- ".repeat(40) + "solar", "-!".repeat(40) + "x", "-(".repeat(40) + "x",
                "\"-".repeat(40), "-\"-(".repeat(30) + TOKEN, TOKEN + " -" + "-".repeat(60) + "telemedicine"}) {
            given().queryParam("q", q).get("/api/v1/search").then().statusCode(200);
        }
        // a dash before a word still excludes it
        given().queryParam("q", TOKEN + " -telemedicine").get("/api/v1/search?size=100").then().statusCode(200)
                .body("items.title", not(hasItem(TOKEN + " telemedicine network")))
                .body("items.title", hasItem(TOKEN + " solar schools"));
    }

    @Test
    void exportsStreamCsvAndJson() {
        String csv = given().get("/api/v1/search/export?q=" + TOKEN + "&region=AFR").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("wsis-stocktaking.csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertEqualsInt(3, lines.size());
        org.junit.jupiter.api.Assertions.assertTrue(lines.get(0).startsWith("id,title,organisation"));
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("C4;C7.E-LEARN"));
        given().get("/api/v1/search/export?format=json&q=" + TOKEN).then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("size()", equalTo(3))
                .body("title", containsInAnyOrder(TOKEN + " solar schools", TOKEN + " telemedicine network", TOKEN + " numérique pour les écoles"));
    }

    @Test
    void reportsCountByTagForAYearRangeAndRegion() {
        // other test classes publish entries in the current year; 2023-2024 holds only ours
        given().get("/api/v1/reports/stocktaking?fromYear=2023&toYear=2024").then().statusCode(200)
                .body("entries", equalTo(3))
                .body("successStories", equalTo(1))
                .body("counts.actionLine.find { it.value == 'C4' }.count", equalTo(2))
                .body("counts.region.find { it.value == 'AFR' }.count", equalTo(2))
                .body("counts.year.find { it.value == '2023' }.count", equalTo(1))
                .body("counts.stakeholderType.find { it.value == 'GOVERNMENT' }.count", equalTo(2))
                .body("counts.sdg.find { it.value == '3' }.count", equalTo(1));
        given().get("/api/v1/reports/stocktaking?fromYear=2023&toYear=2024&region=ASP").then().statusCode(200)
                .body("entries", equalTo(1)).body("regions", contains("ASP"));
        problem("/api/v1/reports/stocktaking?region=MARS", 422, "region");
        given().get("/api/v1/reports/success-stories?q=" + TOKEN).then().statusCode(200)
                .header("X-Total-Count", "1")
                .body("items.title", contains(TOKEN + " solar schools"));
    }

    @Test
    void referenceDataIsServed() {
        given().get("/api/v1/reference/sdgs").then().statusCode(200).body("size()", equalTo(17))
                .body("find { it.number == 17 }.targets.size()", equalTo(19))
                .body("targets.flatten().size()", equalTo(169));
        given().get("/api/v1/reference/countries").then().statusCode(200)
                .body("find { it.alpha2 == 'KE' }.alpha3", equalTo("KEN"))
                .body("find { it.alpha2 == 'KE' }.m49", equalTo("404"))
                .body("find { it.alpha2 == 'KE' }.ituRegion", equalTo("AFR"))
                .body("findAll { it.ituRegion != null }.size()", equalTo(194));
        given().get("/api/v1/reference/regions").then().statusCode(200).body("code", contains("AFR", "AMS", "ARB", "ASP", "CIS", "EUR", "INT"));
        given().get("/api/v1/reference/stakeholder-types").then().statusCode(200).body("size()", equalTo(7)).body("code", hasItem("OTHER"));
        given().get("/api/v1/reference/target-groups").then().statusCode(200).body("code", hasItem("YOUTH"));
    }

    /** Issue 21: reference data in the language asked for, all six at once, the UN's names where the UN has them. */
    @Test
    void referenceDataComesBackInTheLanguageAskedFor() {
        // the country list is the largest (249 x 6 names): three languages asked for, the other three read from labels
        String[][] korea = {{"ar", "جمهورية كوريا"}, {"zh", "大韩民国"}, {"fr", "République de Corée"}};
        for (String[] expected : korea) {
            given().header("Accept-Language", expected[0] + ", en;q=0.5").get("/api/v1/reference/countries").then().statusCode(200)
                    .header("Content-Language", expected[0]).header("Vary", containsString("Accept-Language"))
                    .body("find { it.alpha3 == 'KOR' }.label", equalTo(expected[1]))
                    .body("find { it.alpha3 == 'KOR' }.labels." + expected[0], equalTo(expected[1]));
        }
        given().get("/api/v1/reference/countries").then().statusCode(200).header("Content-Language", "en")
                .body("find { it.alpha3 == 'KOR' }.label", equalTo("Republic of Korea"))
                // name is the same UN M49 English name, not an older one ("South Korea"): one English name per country
                .body("find { it.alpha3 == 'KOR' }.name", equalTo("Republic of Korea"))
                .body("find { it.alpha3 == 'TUR' }.name", equalTo("Türkiye"))
                .body("find { it.alpha3 == 'USA' }.name", equalTo("United States of America"))
                .body("findAll { it.name != it.labels.en }.size()", equalTo(0))
                .body("find { it.alpha3 == 'KOR' }.labels.ru", equalTo("Республика Корея"))
                .body("find { it.alpha3 == 'KOR' }.labels.es", equalTo("República de Corea"))
                .body("find { it.alpha3 == 'KOR' }.officialLabels", contains("ar", "zh", "en", "fr", "ru", "es"))
                .body("findAll { it.labels.ar != null && it.labels.zh != null && it.labels.ru != null }.size()", equalTo(249));
        // a language outside the six (or none) falls back to English and says so
        given().header("Accept-Language", "de-CH, de;q=0.9").get("/api/v1/reference/regions").then().statusCode(200)
                .header("Content-Language", "en").body("find { it.code == 'AFR' }.label", equalTo("Africa"));
        // q-values: Spanish preferred over French; zh-Hans is Chinese
        given().header("Accept-Language", "fr;q=0.4, es;q=0.8").get("/api/v1/reference/regions").then().statusCode(200)
                .header("Content-Language", "es").body("find { it.code == 'AFR' }.label", equalTo("África"));
        // each vocabulary: three languages asked for, and all six read from labels in one of those replies
        String[][] africa = {{"ar", "أفريقيا"}, {"zh-Hans", "非洲"}, {"fr-CH", "Afrique"}};
        for (String[] expected : africa) {
            given().header("Accept-Language", expected[0]).get("/api/v1/reference/regions").then().statusCode(200)
                    .body("find { it.code == 'AFR' }.label", equalTo(expected[1]))
                    .body("find { it.code == 'AFR' }.name", equalTo("Africa"))
                    .body("find { it.code == 'AFR' }.officialLabels", contains("en"))
                    .body("find { it.code == 'AFR' }.labels.en", equalTo("Africa"))
                    .body("find { it.code == 'AFR' }.labels.ru", equalTo("Африка"))
                    .body("find { it.code == 'AFR' }.labels.es", equalTo("África"));
        }
        // SDGs and targets: the UN's texts in the six languages
        String[][] sdg4 = {{"ar", "تعليم ذو جودة"}, {"zh", "优质教育"}, {"ru", "Качественное образование"}};
        for (String[] expected : sdg4) {
            given().header("Accept-Language", expected[0]).get("/api/v1/reference/sdgs").then().statusCode(200)
                    .header("Content-Language", expected[0])
                    .body("find { it.number == 4 }.label", equalTo(expected[1]))
                    .body("find { it.number == 4 }.labels.en", equalTo("Quality education"))
                    .body("find { it.number == 4 }.labels.fr", equalTo("Éducation de qualité"))
                    .body("find { it.number == 4 }.labels.es", equalTo("Educación de Calidad"));
        }
        given().header("Accept-Language", "fr").get("/api/v1/reference/sdg-targets").then().statusCode(200)
                .body("size()", equalTo(169))
                .body("find { it.code == '4.4' }.sdg", equalTo(4))
                .body("find { it.code == '4.4' }.label", startsWith("D’ici à 2030, augmenter nettement le nombre de jeunes"))
                .body("find { it.code == '4.4' }.labels.zh", startsWith("到2030年,大幅增加掌握就业、体面工作和创业所需相关技能"));
        // action lines: English and ITU's Chinese official, French where ITU's French heading was found (C2 yes, C4 not
        // yet), the rest the platform's translation (and said so)
        String[][] c2 = {{"ar", "البنية التحتية للمعلومات والاتصالات"}, {"zh", "信息通信基础设施"},
                {"fr", "L’infrastructure de l’information et de la communication: fondement essentiel d’une société de l’information inclusive"}};
        for (String[] expected : c2) {
            given().header("Accept-Language", expected[0]).get("/api/v1/reference/action-lines").then().statusCode(200)
                    .header("Content-Language", expected[0])
                    .body("find { it.code == 'C2' }.label", equalTo(expected[1]))
                    .body("find { it.code == 'C2' }.officialLabels", contains("zh", "en", "fr"))
                    .body("find { it.code == 'C4' }.officialLabels", contains("zh", "en"))
                    .body("find { it.code == 'C2' }.labels.en", equalTo("Information and communication infrastructure"))
                    .body("find { it.code == 'C2' }.labels.ru", equalTo("Информационно-коммуникационная инфраструктура"))
                    .body("find { it.code == 'C2' }.labels.es", equalTo("Infraestructura de la información y la comunicación"))
                    .body("findAll { it.labels.ar != null }.size()", equalTo(19));
        }
        given().header("Accept-Language", "ru").get("/api/v1/reference/stakeholder-types").then().statusCode(200)
                .body("find { it.code == 'CIVIL_SOCIETY' }.label", equalTo("Гражданское общество"));
        given().header("Accept-Language", "es").get("/api/v1/reference/target-groups").then().statusCode(200)
                .body("find { it.code == 'WOMEN_AND_GIRLS' }.label", equalTo("Mujeres y niñas"));
    }

    private static void problem(String url, int status, String field) {
        given().get(url).then().statusCode(status).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    private static void assertEqualsInt(int expected, int actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }

    private void insert(String title, String description, String language, String actionLines, String countries,
                        String regions, String sdgs, String stakeholderType, int year, String projectStatus,
                        boolean successStory, String status) {
        entityManager.createNativeQuery("""
                        INSERT INTO entry (id, owner_id, title, description, organisation, action_lines, status, created_at,
                                           updated_at, published_at, language, countries, regions, sdgs, stakeholder_type,
                                           stocktaking_year, project_status, success_story)
                        VALUES (gen_random_uuid(), 'seed', ?1, ?2, 'Org', CAST(?3 AS text[]), ?4, now(), now(),
                                make_timestamptz(?5, 6, 1, 0, 0, 0, 'UTC'), ?6, CAST(?7 AS text[]), CAST(?8 AS text[]),
                                CAST(?9 AS int[]), ?10, ?5, ?11, ?12)""")
                .setParameter(1, title).setParameter(2, description).setParameter(3, actionLines).setParameter(4, status)
                .setParameter(5, year).setParameter(6, language).setParameter(7, countries).setParameter(8, regions)
                .setParameter(9, sdgs).setParameter(10, stakeholderType).setParameter(11, projectStatus)
                .setParameter(12, successStory).executeUpdate();
    }

    private static String randomWord() {
        Random random = new Random();
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
