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
import org.wsis.commons.i18n.UnLanguage;
import java.util.Map;
import io.restassured.http.ContentType;
import org.wsis.stocktaking.testing.TestTokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 21: a word inside a Chinese sentence, an Arabic word with or without its vowel marks, French and
 * Spanish words without their accents and a Russian inflected form each find their entry (through the
 * public search API, over what PostgreSQL indexed). Every title carries this class's random word, and
 * every query asks for it too, so only these entries can match whatever else the database holds.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "stocktaking"))
class MultilingualSearchTest {
    static final String TOKEN = "zm" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
    static final String ZH_TITLE = TOKEN + " 农村学校宽带连接项目";
    static final String ZH_DESCRIPTION_ONLY = TOKEN + " 教师培训计划";
    static final String AR_VOWELLED = TOKEN + " التَّعْلِيمُ الرَّقْمِيُّ فِي المَدَارِسِ";
    static final String AR_PLAIN = TOKEN + " مكتبة رقمية للمدرسة";
    static final String FR = TOKEN + " Éducation numérique à Genève";
    static final String ES = TOKEN + " Conexión rural en Perú";
    static final String RU = TOKEN + " Цифровые школы для сельских районов";
    static boolean inserted;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void insertOnce() {
        if (!inserted) {
            insertAll();
            inserted = true;
        }
    }

    @jakarta.transaction.Transactional
    void insertAll() {
        insert(ZH_TITLE, "为三百所农村学校提供宽带并培训教师的数字技能。", "zh");
        insert(ZH_DESCRIPTION_ONLY, "教师学习使用宽带网络上课。", "zh");
        insert(AR_VOWELLED, "تَدْرِيبُ المُعَلِّمِينَ عَلَى المَهَارَاتِ الرَّقْمِيَّةِ", "ar");
        insert(AR_PLAIN, "كتب رقمية للطلاب في القرى", "ar");
        insert(FR, "Des écoles connectées et des élèves formés au numérique", "fr");
        insert(ES, "Niños de zonas rurales aprenden con señales de banda ancha", "es");
        insert(RU, "Подключение сельских школ к широкополосному интернету", "ru");
    }

    @Test
    void aChineseWordInsideASentenceFindsItsEntryAndTitleMatchesRankFirst() {
        assertEquals(List.of(ZH_TITLE), titles(TOKEN + " 农村学校", null));   // a word inside the title
        assertEquals(List.of(ZH_TITLE), titles(TOKEN + " 数字技能", null));   // a word inside the description
        assertEquals(List.of(ZH_TITLE), titles(TOKEN + " \"学校宽带\"", "zh")); // a quoted phrase across word boundaries
        // 宽带 is in one title and in the other entry's description: both found, the title match first
        assertEquals(List.of(ZH_TITLE, ZH_DESCRIPTION_ONLY), titles(TOKEN + " 宽带", null));
        search(TOKEN + " 医疗卫生", null).then().statusCode(200).body("items", empty());
    }

    @Test
    void anArabicWordIsFoundWithOrWithoutItsVowelMarks() {
        assertEquals(List.of(AR_VOWELLED), titles(TOKEN + " التعليم", null));        // entry vowelled, query plain
        assertEquals(List.of(AR_PLAIN), titles(TOKEN + " مَكْتَبَةٌ", null));            // entry plain, query vowelled
        assertEquals(List.of(AR_PLAIN), titles(TOKEN + " مكتبه", "ar"));             // ta marbuta written as ha
    }

    @Test
    void frenchAndSpanishWordsAreFoundWithoutTheirAccents() {
        assertEquals(List.of(FR), titles(TOKEN + " education numerique", "fr"));
        assertEquals(List.of(FR), titles(TOKEN + " education geneve", null));
        assertEquals(List.of(FR), titles(TOKEN + " éléves", "fr")); // a wrong accent is no accent
        assertEquals(List.of(ES), titles(TOKEN + " conexion peru", "es"));
        assertEquals(List.of(ES), titles(TOKEN + " ninos senales", null));
    }

    @Test
    void aRussianInflectedFormFindsItsEntryWithoutNamingTheLanguage() {
        assertEquals(List.of(RU), titles(TOKEN + " школа", null));     // singular of школы, stemmed as Russian
        assertEquals(List.of(RU), titles(TOKEN + " цифровая", "ru"));
        assertEquals("ru", UnLanguage.ofScript("zq 123 школа").code());
        assertEquals("ar", UnLanguage.ofScript("مكتبة").code());
        assertEquals("zh", UnLanguage.ofScript("宽带").code());
        assertEquals("en", UnLanguage.ofScript("schools").code());
    }

    /**
     * Issue 21 item 2: an entry written in Chinese gets a French translation by a person. Until a moderator approves
     * it, the public reads Chinese and a French query does not find it; afterwards Accept-Language: fr gives the
     * French text labelled HUMAN with the original language zh, and a French query finds it, ranked. A MACHINE
     * translation is labelled so; a turned-down one is never public; a bad language code is a 400 problem.
     */
    @Test
    void aTranslationIsReadAndFoundInItsLanguageOnlyOnceAModeratorApprovedIt() {
        String owner = TestTokens.editor("translating-owner");
        String moderator = TestTokens.moderator("translation-moderator");
        String word = TOKEN + "tr";
        var created = given().auth().oauth2(owner).contentType(ContentType.JSON).body("""
                {"title": "%s 农村学校宽带连接项目", "description": "为三百所农村学校提供宽带。", "organisation": "Org",
                 "actionLines": ["C2"], "language": "zh"}""".formatted(word)).post("/api/v1/entries");
        created.then().statusCode(201).body("originalLanguage", equalTo("zh")).body("translations", anEmptyMap());
        String id = created.path("id");
        String french = """
                {"title": "%s Connexion des écoles rurales", "description": "Le haut débit pour trois cents écoles.",
                 "origin": "HUMAN"}""".formatted(word);

        translate(owner, id, "de", french).then().statusCode(400).contentType("application/problem+json");
        translate(owner, id, "zh", french).then().statusCode(422).contentType("application/problem+json");
        translate(owner, id, "fr", french.replace("HUMAN", "ROBOT")).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(owner).post("/api/v1/entries/" + id + "/submit").then().statusCode(200);
        given().auth().oauth2(moderator).post("/api/v1/entries/" + id + "/publish").then().statusCode(200);

        translate(owner, id, "fr", french).then().statusCode(200)
                .body("pendingTranslations.fr.origin", equalTo("HUMAN")).body("translations", anEmptyMap());
        given().header("Accept-Language", "fr").get("/api/v1/entries/" + id).then().statusCode(200)
                .header("Content-Language", "zh").body("language", equalTo("zh")).body("translations", anEmptyMap())
                .body("pendingTranslations", nullValue());
        assertEquals(List.of(), ids(word + " écoles rurales", "fr"));
        given().auth().oauth2(moderator).get("/api/v1/moderation/queue?size=100").then().body("items.id", hasItem(id));
        given().auth().oauth2(owner).post("/api/v1/entries/" + id + "/translations/fr/publish").then().statusCode(403);

        given().auth().oauth2(moderator).post("/api/v1/entries/" + id + "/translations/fr/publish").then().statusCode(200)
                .body("translations.fr.origin", equalTo("HUMAN")).body("pendingTranslations", anEmptyMap());
        var inFrench = given().header("Accept-Language", "fr-CH, en;q=0.5").get("/api/v1/entries/" + id);
        assertTrue(inFrench.headers().getValues("Vary").toString().contains("Accept-Language"), inFrench.headers().toString());
        inFrench.then().statusCode(200).header("Content-Language", "fr")
                .body("language", equalTo("fr")).body("originalLanguage", equalTo("zh"))
                .body("title", equalTo(word + " Connexion des écoles rurales"))
                .body("translations.fr.origin", equalTo("HUMAN")).body("translations.fr.translatorId", nullValue());
        given().header("Accept-Language", "zh").get("/api/v1/entries/" + id).then()
                .header("Content-Language", "zh").body("title", equalTo(word + " 农村学校宽带连接项目"));
        // found in French (stemmed, without accents) by the approved translation, and ranked
        var hits = search(word + " ecole rurale", "fr").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(id), hits.getList("items.id", String.class));
        assertTrue(hits.getFloat("items[0].rank") > 0);
        // the hit reads in the reader's language too (both statements: with and without facets); an export, in the original
        for (String facets : List.of("true", "false")) {
            given().header("Accept-Language", "fr").queryParam("facets", facets).queryParam("q", word).get("/api/v1/search")
                    .then().statusCode(200).header("Vary", org.hamcrest.Matchers.containsString("Accept-Language"))
                    .body("items.id", equalTo(List.of(id)))
                    .body("items[0].title", equalTo(word + " Connexion des écoles rurales"))
                    .body("items[0].summary", equalTo("Le haut débit pour trois cents écoles."))
                    .body("items[0].language", equalTo("fr")).body("items[0].originalLanguage", equalTo("zh"));
            given().queryParam("facets", facets).queryParam("q", word).get("/api/v1/search").then().statusCode(200)
                    .body("items[0].title", equalTo(word + " 农村学校宽带连接项目"))
                    .body("items[0].summary", equalTo("为三百所农村学校提供宽带。")).body("items[0].language", equalTo("zh"));
        }
        given().header("Accept-Language", "fr").queryParam("q", word).queryParam("format", "json").get("/api/v1/search/export")
                .then().statusCode(200).body("[0].title", equalTo(word + " 农村学校宽带连接项目"))
                .body("[0].language", equalTo("zh")).body("[0].originalLanguage", equalTo("zh"));

        String spanish = """
                {"title": "%s Conexión de escuelas", "description": "Banda ancha.", "origin": "MACHINE"}""".formatted(word);
        translate(owner, id, "es", spanish).then().statusCode(200);
        given().auth().oauth2(moderator).post("/api/v1/entries/" + id + "/translations/es/publish").then().statusCode(200);
        given().header("Accept-Language", "es").get("/api/v1/entries/" + id).then()
                .body("language", equalTo("es")).body("translations.es.origin", equalTo("MACHINE"));

        translate(owner, id, "ru", spanish.replace("Conexión de escuelas", "Школы")).then().statusCode(200);
        given().auth().oauth2(moderator).contentType(ContentType.JSON).body("{\"comment\": \"Not Russian enough\"}")
                .post("/api/v1/entries/" + id + "/translations/ru/return").then().statusCode(200)
                .body("pendingTranslations", anEmptyMap()).body("translations.ru", nullValue());
        given().auth().oauth2(moderator).post("/api/v1/entries/" + id + "/translations/ru/publish").then().statusCode(409);
    }

    /** An entry that names no language is in the one its script implies (commons UnLanguage.ofScript), else English. */
    @Test
    void anEntryWithoutItsLanguageIsInTheLanguageOfItsScript() {
        String owner = TestTokens.editor("script-owner");
        Map<String, String[]> written = Map.of("ru", new String[] {"Цифровые навыки", "Учителя сельских школ"},
                "zh", new String[] {"数字技能", "农村学校的教师"}, "ar", new String[] {"المهارات الرقمية", "معلمو المدارس الريفية"},
                "en", new String[] {"Digital skills", "Teachers of rural schools"});
        written.forEach((language, text) -> given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("title", text[0], "description", text[1], "organisation", "Org", "actionLines", List.of("C4")))
                .post("/api/v1/entries").then().statusCode(201)
                .body("language", equalTo(language)).body("originalLanguage", equalTo(language)));
        assertEquals(UnLanguage.EN, UnLanguage.ofScript("École 2030 (ITU)"));
        assertEquals(UnLanguage.ZH, UnLanguage.ofScript("WSIS 2025 数字"));
        assertEquals(UnLanguage.EN, UnLanguage.ofScript(null));
    }

    /**
     * A control character in a translation's title or description (PostgreSQL refuses NUL in text and jsonb) is a 400
     * problem naming the field, the rule of every service's translations (commons NewTranslation); nothing changes.
     * Line breaks in a description stay allowed.
     */
    @Test
    void aControlCharacterInATranslationIsRefusedNamingTheFieldAndChangesNothing() {
        String owner = TestTokens.editor("control-character-owner");
        String id = given().auth().oauth2(owner).contentType(ContentType.JSON).body("""
                {"title": "%s Écoles rurales", "description": "Le haut débit.", "organisation": "Org",
                 "actionLines": ["C2"], "language": "fr"}""".formatted(TOKEN + "cc")).post("/api/v1/entries")
                .then().statusCode(201).extract().path("id");
        String before = given().auth().oauth2(owner).get("/api/v1/entries/" + id).asString();
        for (String[] bad : new String[][]{{"title", "Rural\u0000schools", "Broadband."}, {"title", "Rural\u0007schools", "Broadband."},
                {"description", "Rural schools", "Broad\u0000band."}, {"description", "Rural schools", "Broad\u001bband."}}) {
            var answer = translate(owner, id, "en", translationJson(bad[1], bad[2]));
            answer.then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(bad[0]))
                    .body("errors[0].message", equalTo("must not contain control characters"));
        }
        assertEquals(before, given().auth().oauth2(owner).get("/api/v1/entries/" + id).asString());
        translate(owner, id, "en", translationJson("Rural schools", "Broadband.\r\nFor three hundred schools.")).then().statusCode(200)
                .body("translations.en.description", equalTo("Broadband.\r\nFor three hundred schools."));
    }

    private static String translationJson(String title, String description) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    java.util.Map.of("title", title, "description", description, "origin", "OWNER"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static io.restassured.response.Response translate(String token, String id, String lang, String body) {
        String etag = given().auth().oauth2(token).get("/api/v1/entries/" + id).header("ETag");
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .put("/api/v1/entries/" + id + "/translations/" + lang);
    }

    private static List<String> ids(String q, String lang) {
        return search(q, lang).then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    private static List<String> titles(String q, String lang) {
        return search(q, lang).then().statusCode(200).extract().jsonPath().getList("items.title", String.class);
    }

    private static io.restassured.response.Response search(String q, String lang) {
        var request = given().queryParam("facets", "false").queryParam("q", q);
        return (lang == null ? request : request.queryParam("lang", lang)).get("/api/v1/search");
    }

    private void insert(String title, String description, String language) {
        entityManager.createNativeQuery("""
                        INSERT INTO entry (id, owner_id, title, description, organisation, action_lines, status, created_at,
                                           updated_at, published_at, language, stocktaking_year)
                        VALUES (gen_random_uuid(), 'seed', ?1, ?2, 'Org', ARRAY['C4'], 'PUBLISHED', now(), now(), now(), ?3, 2026)""")
                .setParameter(1, title).setParameter(2, description).setParameter(3, language).executeUpdate();
    }
}
