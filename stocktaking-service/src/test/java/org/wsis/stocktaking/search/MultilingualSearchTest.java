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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals("ru", TextQuery.languageOfScript("zq 123 школа"));
        assertEquals("ar", TextQuery.languageOfScript("مكتبة"));
        assertEquals("zh", TextQuery.languageOfScript("宽带"));
        assertEquals("en", TextQuery.languageOfScript("schools"));
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
