package org.wsis.indicators.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.indicators.testing.AgencyTokens;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 item 2: indicator definitions in the six UN languages. ITU staff translate a definition's name and
 * methodology (origin and original language kept); readers get it by Accept-Language; the SDMX CL_INDICATOR names carry
 * it at once; an official UN name stays official until replaced; bad requests change nothing. Each test defines its own
 * indicators (ZZ_I21_*): the module's tests share one database.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class IndicatorTranslationTest {
    private static final String FRENCH = "Jeunes sachant programmer (question 21)";
    private static final String ARABIC = "الشباب الذين يجيدون البرمجة";

    @Inject
    EntityManager entityManager;

    @Test
    void staffTranslateAnIndicatorAndEveryReaderAndSdmxClientSeesIt() {
        define("ZZ_I21_CODING", "Youth with coding skills (issue 21)", "Share of people aged 15-24 who wrote a program, from surveys.");
        String before = codelistVersion();

        AgencyTokens.asItu().contentType("application/json").body(translation(FRENCH, null, "HUMAN"))
                .put("/api/v1/indicators/ZZ_I21_CODING/translations/fr").then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(translation(FRENCH, null, "HUMAN"))
                .put("/api/v1/indicators/ZZ_I21_CODING/translations/fr").then().statusCode(401);

        staff().contentType("application/json").body(translation(FRENCH, "Part des 15-24 ans ayant écrit un programme, d'après des enquêtes.", "HUMAN"))
                .put("/api/v1/indicators/ZZ_I21_CODING/translations/fr").then().statusCode(200)
                .body("name", equalTo("Youth with coding skills (issue 21)")).body("originalLanguage", equalTo("en"))
                .body("translations.fr.title", equalTo(FRENCH)).body("translations.fr.origin", equalTo("HUMAN"))
                .body("translations.fr.translatorId", nullValue()).body("version", equalTo(1)); // not a new definition version
        String afterFrench = codelistVersion();
        assertNotEquals(before, afterFrench, "CL_INDICATOR's names changed: its next SDMX version");
        staff().contentType("application/json").body(translation(ARABIC, null, "MACHINE"))
                .put("/api/v1/indicators/ZZ_I21_CODING/translations/ar").then().statusCode(200)
                .body("translations.ar.origin", equalTo("MACHINE")).body("labels.ar", equalTo(ARABIC));
        String afterArabic = codelistVersion();
        // the same text and origin again: a retry, nothing changes
        staff().contentType("application/json").body(translation(ARABIC, null, "MACHINE"))
                .put("/api/v1/indicators/ZZ_I21_CODING/translations/ar").then().statusCode(200);
        assertEquals(afterArabic, codelistVersion());

        given().header("Accept-Language", "fr-CH, en;q=0.5").get("/api/v1/indicators/ZZ_I21_CODING").then().statusCode(200)
                .header("Content-Language", "fr").header("Vary", containsString("Accept-Language"))
                .body("label", equalTo(FRENCH))
                .body("methodologyLabel", equalTo("Part des 15-24 ans ayant écrit un programme, d'après des enquêtes."))
                .body("methodology", equalTo("Share of people aged 15-24 who wrote a program, from surveys."))
                .body("labels.en", equalTo("Youth with coding skills (issue 21)")).body("labels.fr", equalTo(FRENCH))
                .body("labels.ar", equalTo(ARABIC)).body("labels.zh", nullValue()).body("labels.ru", nullValue())
                .body("officialLabels.size()", equalTo(0))
                .body("translations.keySet()", contains("ar", "fr"));
        // no Russian: the reply says it is English
        given().header("Accept-Language", "ru").get("/api/v1/indicators/ZZ_I21_CODING").then().statusCode(200)
                .header("Content-Language", "en").body("label", equalTo("Youth with coding skills (issue 21)"))
                .body("methodologyLabel", equalTo("Share of people aged 15-24 who wrote a program, from surveys."));
        given().header("Accept-Language", "ar").get("/api/v1/indicators").then().statusCode(200).header("Content-Language", "ar")
                .body("find { it.code == 'ZZ_I21_CODING' }.label", equalTo(ARABIC));
        given().header("Accept-Language", "fr").get("/api/v1/codelists/CL_INDICATOR").then().statusCode(200)
                .body("codes.find { it.code == 'ZZ_I21_CODING' }.label", equalTo(FRENCH))
                .body("codes.find { it.code == 'ZZ_I21_CODING' }.labels.ar", equalTo(ARABIC));

        // SDMX: English first, then the stored translations; the DSD refers to the list's new version
        String englishFirst = "<str:Code id=\"ZZ_I21_CODING\"><com:Name xml:lang=\"en\">Youth with coding skills (issue 21)</com:Name>"
                + "<com:Name xml:lang=\"ar\">" + ARABIC + "</com:Name><com:Name xml:lang=\"fr\">" + FRENCH + "</com:Name></str:Code>";
        given().get("/api/sdmx/codelist/WSIS/CL_INDICATOR/" + afterArabic).then().statusCode(200).body(containsString(englishFirst));
        given().get("/api/sdmx/datastructure/WSIS/DSD_ICT/1.0").then().statusCode(200).body(containsString(englishFirst))
                .body(containsString("<Ref id=\"CL_INDICATOR\" version=\"" + afterArabic + "\""));

        // a corrected French name is in the very next SDMX answer, the old one nowhere
        staff().contentType("application/json").body(translation("Jeunes qui savent programmer (question 21)", null, "OWNER"))
                .put("/api/v1/indicators/ZZ_I21_CODING/translations/fr").then().statusCode(200)
                .body("translations.fr.origin", equalTo("OWNER")).body("translations.fr.description", nullValue());
        given().get("/api/sdmx/dataflow/WSIS/DF_ICT/latest?references=all").then().statusCode(200)
                .body(containsString("<com:Name xml:lang=\"fr\">Jeunes qui savent programmer (question 21)</com:Name>"))
                .body(not(containsString(FRENCH)));

        staff().queryParam("targetType", "indicator").queryParam("targetId", "ZZ_I21_CODING").get("/api/v1/audit").then().statusCode(200)
                .body("items.action", contains("indicator.translated", "indicator.translated", "indicator.translated", "indicator.defined"))
                .body("items[0].reason", equalTo("fr")).body("items[1].reason", equalTo("ar"))
                .body("items[1].before.translations", contains("fr")).body("items[1].after.translations", contains("ar", "fr"));
    }

    @Test
    void badTranslationsAreRefusedAndChangeNothing() {
        define("ZZ_I21_BAD", "Indicator refusing bad translations (issue 21)", null);
        String version = codelistVersion();
        staff().contentType("application/json").body(translation("Indicateur", null, "HUMAN"))
                .put("/api/v1/indicators/ZZ_I21_BAD/translations/de").then().statusCode(400).contentType("application/problem+json")
                .body(containsString("must be one of the UN languages"));
        staff().contentType("application/json").body(translation("Indicateur", null, "HUMAN"))
                .put("/api/v1/indicators/ZZ_I21_BAD/translations/FR").then().statusCode(400).contentType("application/problem+json");
        staff().contentType("application/json").body(translation("Indicator", null, "OWNER"))
                .put("/api/v1/indicators/ZZ_I21_BAD/translations/en").then().statusCode(422).contentType("application/problem+json");
        staff().contentType("application/json").body(translation("Indicateur", null, "HUMAN"))
                .put("/api/v1/indicators/ZZ_I21_NOPE/translations/fr").then().statusCode(404).contentType("application/problem+json");
        staff().contentType("application/json").body(Map.of("origin", "HUMAN"))
                .put("/api/v1/indicators/ZZ_I21_BAD/translations/fr").then().statusCode(400).contentType("application/problem+json");
        staff().contentType("application/json").body(Map.of("title", "Indicateur", "origin", "GUESSED"))
                .put("/api/v1/indicators/ZZ_I21_BAD/translations/fr").then().statusCode(400).contentType("application/problem+json");
        // the rule of every service's translations (commons NewTranslation), naming the field
        staff().contentType("application/json").body(translation("Indica\u0000teur", null, "HUMAN"))
                .put("/api/v1/indicators/ZZ_I21_BAD/translations/fr").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("title")).body("errors[0].message", equalTo("must not contain control characters"));
        staff().contentType("application/json").body(translation("Indicateur", "Une méthode", "HUMAN"))
                .put("/api/v1/indicators/ZZ_I21_BAD/translations/fr").then().statusCode(422).contentType("application/problem+json")
                .body(containsString("no methodology"));
        staff().contentType("application/json").put("/api/v1/indicators/ZZ_I21_BAD/translations/fr").then().statusCode(400);

        given().get("/api/v1/indicators/ZZ_I21_BAD").then().statusCode(200).body("translations.size()", equalTo(0))
                .body("labels.fr", nullValue());
        assertEquals(version, codelistVersion());
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM audit_entry WHERE target_type = 'indicator' AND target_id = 'ZZ_I21_BAD' AND action = 'indicator.translated'")
                .getSingleResult()).longValue()));
    }

    /** The platform's table text gives way to ITU staff's translation; an official UN name is official until replaced. */
    @Test
    void aStoredTranslationReplacesTheTableTextAndOfficialLabelsStayTruthful() {
        // the UN's own wording of SDG indicator 17.8.1, official in the six languages
        define("ZZ_I21_SDG", "Proportion of individuals using the Internet", null);
        given().get("/api/v1/indicators/ZZ_I21_SDG").then().statusCode(200)
                .body("officialLabels", contains("ar", "zh", "en", "fr", "ru", "es")).body("labels.zh", equalTo("使用因特网的人口比例"));
        staff().contentType("application/json").body(translation("Part des personnes utilisant Internet (UIT)", null, "HUMAN"))
                .put("/api/v1/indicators/ZZ_I21_SDG/translations/fr").then().statusCode(200)
                .body("labels.fr", equalTo("Part des personnes utilisant Internet (UIT)"))
                .body("officialLabels", contains("ar", "zh", "en", "ru", "es"));
        // the platform's (unofficial) translation of an ITU indicator
        define("ZZ_I21_TABLE", "Proportion of households with Internet access at home", null);
        given().header("Accept-Language", "ru").get("/api/v1/indicators/ZZ_I21_TABLE").then().statusCode(200)
                .body("label", equalTo("Доля домохозяйств, имеющих доступ в интернет дома")).body("officialLabels.size()", equalTo(0));
        staff().contentType("application/json").body(translation("Доля домохозяйств с доступом к интернету дома (МСЭ)", null, "HUMAN"))
                .put("/api/v1/indicators/ZZ_I21_TABLE/translations/ru").then().statusCode(200);
        given().header("Accept-Language", "ru").get("/api/v1/indicators/ZZ_I21_TABLE").then().statusCode(200)
                .header("Content-Language", "ru").body("label", equalTo("Доля домохозяйств с доступом к интернету дома (МСЭ)"))
                .body("labels.es", equalTo(given().get("/api/v1/indicators/IT_HH_NET").then().extract().path("labels.es")));
    }

    /** Issue 21: the economies' English names are the platform vocabulary's UN M49 names, as in the other five languages. */
    @Test
    void economiesAreNamedByUnM49() {
        given().get("/api/v1/codelists/CL_AREA").then().statusCode(200)
                .body("codes.find { it.code == 'KOR' }.name", equalTo("Republic of Korea"))
                .body("codes.find { it.code == 'TUR' }.name", equalTo("Türkiye"))
                .body("codes.find { it.code == 'ITU_AFR' }.name", equalTo("Africa (ITU region)"));
        given().get("/api/sdmx/codelist/WSIS/CL_AREA").then().statusCode(200)
                .body(containsString("<com:Name xml:lang=\"en\">Republic of Korea</com:Name>"))
                .body(not(containsString("South Korea")));
    }

    /** A translation names its translator (a staff subject): exported, and pseudonymised on erasure; the text stays. */
    @Test
    void anErasedTranslatorLeavesTheTranslationUnderAPseudonym() {
        define("ZZ_I21_ERASE", "Indicator translated by someone erased (issue 21)", null);
        RequestSpecification translator = AgencyTokens.as("erased-translator", "ITU", "platform-admin");
        translator.contentType("application/json").body(translation("Indicador traducido (cuestión 21)", null, "HUMAN"))
                .put("/api/v1/indicators/ZZ_I21_ERASE/translations/es").then().statusCode(200);
        AgencyTokens.as("erased-translator", "ITU", "platform-admin").get("/api/v1/me/personal-data").then().statusCode(200)
                .body("data.indicatorTranslationsGiven.indicator", hasItem("ZZ_I21_ERASE"));
        String erasure = AgencyTokens.as("erased-translator", "ITU", "platform-admin").post("/api/v1/me/erasure")
                .then().statusCode(202).extract().path("id");
        org.awaitility.Awaitility.await("indicators-service confirming the erasure").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> AgencyTokens.as("erased-translator", "ITU", "platform-admin").get("/api/v1/me/erasure")
                                .then().statusCode(200).extract().<List<String>>path("find { it.id == '" + erasure + "' }.confirmations.service"),
                        services -> services.contains("indicators-service"));
        String translatorId = QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "SELECT translations -> 'es' ->> 'translatorId' FROM indicator WHERE code = 'ZZ_I21_ERASE'").getSingleResult());
        assertTrue(translatorId.startsWith("erased:"), translatorId);
        given().header("Accept-Language", "es").get("/api/v1/indicators/ZZ_I21_ERASE").then().statusCode(200)
                .body("label", equalTo("Indicador traducido (cuestión 21)"));
    }

    /**
     * Each version of a definition names who wrote it (an admin in office): the version history is exported to them
     * as their personal data, and kept (the record of changes to ITU's reference data, as the audit log).
     */
    @Test
    void theVersionsSomeoneWroteAreInTheirPersonalData() {
        RequestSpecification author = AgencyTokens.as("definition-author", "ITU", "platform-admin");
        author.contentType("application/json").body(Map.of("code", "ZZ_I21_AUTHOR", "name", "Indicator with a known author",
                "unit", "percent", "custodian", "ITU")).post("/api/v1/indicators").then().statusCode(201);
        AgencyTokens.as("definition-author", "ITU", "platform-admin").contentType("application/json")
                .body(Map.of("name", "Indicator with a known author, renamed", "unit", "percent", "custodian", "ITU"))
                .put("/api/v1/indicators/ZZ_I21_AUTHOR").then().statusCode(200).body("version", equalTo(2));
        AgencyTokens.as("definition-author", "ITU", "platform-admin").get("/api/v1/me/personal-data").then().statusCode(200)
                .body("data.indicatorDefinitionVersions.findAll { it.indicator == 'ZZ_I21_AUTHOR' }.version", contains(1, 2));
        staff().get("/api/v1/me/personal-data").then().statusCode(200)
                .body("data.indicatorDefinitionVersions.indicator", not(hasItem("ZZ_I21_AUTHOR")));
    }

    private static void define(String code, String name, String methodology) {
        Map<String, Object> definition = new HashMap<>(Map.of("code", code, "name", name, "unit", "percent", "custodian", "ITU"));
        if (methodology != null) {
            definition.put("methodology", methodology);
        }
        staff().contentType("application/json").body(definition).post("/api/v1/indicators").then().statusCode(201);
    }

    private static Map<String, Object> translation(String title, String description, String origin) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "origin", origin));
        if (description != null) {
            body.put("description", description);
        }
        return body;
    }

    private static String codelistVersion() {
        return given().get("/api/v1/codelists/CL_INDICATOR").then().statusCode(200).extract().path("version");
    }

    private static RequestSpecification staff() {
        return AgencyTokens.as("itu-staff", "ITU", "platform-admin");
    }
}
