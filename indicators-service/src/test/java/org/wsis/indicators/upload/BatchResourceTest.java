package org.wsis.indicators.upload;

import org.wsis.localstack.testing.EventContracts;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.localstack.testing.TestTopics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.wsis.indicators.testing.AgencyTokens.as;
import static org.wsis.indicators.testing.AgencyTokens.asItu;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class BatchResourceTest {

    @Inject
    EntityManager entityManager;

    /** An upload by ITU's publishing client. */
    private static Response upload(String contentType, String body) {
        return upload(asItu(), contentType, body);
    }

    private static Response upload(RequestSpecification caller, String contentType, String body) {
        return caller.contentType(contentType).body(body).when().post("/api/v1/batches");
    }

    /**
     * Issue 20: a statistician signed in as themselves uploads a batch, then asks for erasure (through Kafka and
     * back): the batch and its data stay, the uploader becomes a pseudonym.
     */
    @Test
    void anErasedStatisticianLeavesTheirBatchUnderAPseudonym() {
        RequestSpecification statistician = as("erased-statistician", "ITU", org.wsis.indicators.testing.AgencyTokens.PUBLISHER);
        String id = upload(statistician, "text/csv", """
                indicator,economy,period,value
                IT_USE_ii99,UGA,2015,9.5
                """).then().statusCode(201).body("status", equalTo("PUBLISHED")).extract().path("id");
        as("erased-statistician", "ITU", org.wsis.indicators.testing.AgencyTokens.PUBLISHER).get("/api/v1/me/personal-data")
                .then().statusCode(200).body("data.batchesUploaded.id", hasItem(id));

        String erasure = as("erased-statistician", "ITU", org.wsis.indicators.testing.AgencyTokens.PUBLISHER)
                .post("/api/v1/me/erasure").then().statusCode(202).extract().path("id");
        org.awaitility.Awaitility.await("indicators-service confirming the erasure").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> as("erased-statistician", "ITU", org.wsis.indicators.testing.AgencyTokens.PUBLISHER).get("/api/v1/me/erasure")
                        .then().statusCode(200).extract().<List<String>>path("find { it.id == '" + erasure + "' }.confirmations.service"),
                        services -> services.contains("indicators-service"));

        String uploader = (String) entityManager.createNativeQuery("SELECT submitted_by FROM batch WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, id).getSingleResult();
        assertTrue(uploader.startsWith("erased:"), uploader);
        asItu().get("/api/v1/observations?indicator=IT_USE_ii99&economy=UGA").then().statusCode(200)
                .body("items.value", hasItem(9.5f));
        assertEquals(0L, ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM batch b WHERE strpos(CAST(b AS text), 'erased-statistician') > 0").getSingleResult()).longValue());
    }

    @Test
    void csvBatchIsPublishedAndEventGoesThroughTheOutbox() throws Exception {
        String id = upload("text/csv", """
                indicator,economy,period,value,sex,status
                IT_USE_ii99,KEN,2020,29.5,,A
                IT_USE_ii99,KEN,2021,32.1,_T,E
                IT_USE_ii99,KEN,2021,30.0,F,
                """).then().statusCode(201).header("Location", containsString("/api/v1/batches/"))
                .body("status", equalTo("PUBLISHED")).body("rowCount", equalTo(3)).body("changedCount", equalTo(3))
                .body("indicators", hasItem("IT_USE_ii99")).body("periodFrom", equalTo(2020))
                .extract().path("id");

        asItu().get("/api/v1/observations?indicator=IT_USE_ii99&economy=KEN&sex=_T").then().statusCode(200)
                .header("X-Total-Count", "2")
                .body("items", hasSize(2)).body("items[1].value", equalTo(32.1f)).body("items[1].status", equalTo("E"))
                .body("items[0].provider", equalTo("ITU"));

        JsonNode event = awaitEvent("indicators.releases", id, Duration.ofSeconds(30));
        assertEquals("org.wsis.indicators.batch.published.v1", event.get("type").asText());
        assertEquals("ITU", event.get("data").get("provider").asText());
        assertEquals(3, event.get("data").get("observationCount").asInt());
        assertEquals(2020, event.get("data").get("periods").get("from").asInt());
        EventContracts.assertValidCloudEvent("indicators-service", "batch-published.v1", event.toString());
    }

    @Test
    void revisionKeepsEveryVintageAndAsOfShowsWhatWasPublished() throws Exception {
        upload("text/csv", "indicator,economy,period,value\nIT_CEL_SETS,UGA,2022,60.5\n").then().statusCode(201);
        Instant between = Instant.now();
        Thread.sleep(20); // time is the subject: what was published after "between" must lie after it
        // the same value again is no new vintage; a changed one is
        upload("application/json", """
                {"observations": [{"indicator": "IT_CEL_SETS", "economy": "UGA", "period": 2022, "value": 61.25, "status": "B", "note": "census revision"},
                                  {"indicator": "IT_CEL_SETS", "economy": "UGA", "period": 2021, "value": 58}]}""")
                .then().statusCode(201).body("changedCount", equalTo(2)).body("unchangedCount", equalTo(0));
        upload("text/csv", "indicator,economy,period,value,status,note\nIT_CEL_SETS,UGA,2022,61.25,B,census revision\n")
                .then().statusCode(201).body("changedCount", equalTo(0)).body("unchangedCount", equalTo(1));

        asItu().get("/api/v1/observations?indicator=IT_CEL_SETS&economy=UGA&from=2022&to=2022").then().statusCode(200)
                .body("items[0].value", equalTo(61.25f)).body("items[0].note", equalTo("census revision"));
        asItu().queryParam("asOf", between.toString()).get("/api/v1/observations?indicator=IT_CEL_SETS&economy=UGA").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].value", equalTo(60.5f)).body("items[0].period", equalTo(2022));
        asItu().get("/api/v1/observations/vintages?indicator=IT_CEL_SETS&economy=UGA&period=2022").then().statusCode(200)
                .body("value", equalTo(List.of(60.5f, 61.25f)))
                .body("[0].supersededAt", org.hamcrest.Matchers.notNullValue());
        assertEquals(3L, count("SELECT count(*) FROM observation WHERE indicator_code = 'IT_CEL_SETS' AND economy_code = 'UGA'"));
    }

    /** Issue 19: a country by alpha-3, alpha-2 or UN M49 and an ITU region by the platform's code, on upload and query. */
    @Test
    void economiesAreReadThroughThePlatformsVocabulary() {
        upload("text/csv", "indicator,economy,period,value\nIT_CEL_SETS,MWI,2017,41\nIT_CEL_SETS,MW,2018,42\n"
                + "IT_CEL_SETS,454,2019,43\nIT_CEL_SETS,AFR,2019,44.5\n").then().statusCode(201);
        for (String malawi : List.of("MWI", "MW", "mw", "454")) {
            asItu().get("/api/v1/observations?indicator=IT_CEL_SETS&from=2017&to=2019&economy=" + malawi).then().statusCode(200)
                    .body("items.period", org.hamcrest.Matchers.containsInAnyOrder(2017, 2018, 2019))
                    .body("items.economy", everyItem(equalTo("MWI")));
        }
        asItu().get("/api/v1/observations?indicator=IT_CEL_SETS&from=2019&to=2019&economy=AFR").then().statusCode(200)
                .body("items.economy", equalTo(List.of("ITU_AFR"))).body("items[0].value", equalTo(44.5f));
        assertEquals(0L, count("SELECT count(*) FROM observation WHERE economy_code IN ('MW', '454', 'AFR')"));
    }

    @Test
    void invalidBatchReportsEveryBadRowAndPublishesNothing() {
        long before = count("SELECT count(*) FROM observation");
        long tanzaniaBefore = count("SELECT count(*) FROM observation WHERE economy_code = 'TZA'");
        upload("text/csv", """
                indicator,economy,period,value,sex,status
                IT_USE_ii99,TZA,2020,20.0,,
                IT_NOPE,TZA,2020,1,,
                IT_USE_ii99,XXX,2020,1,,
                IT_USE_ii99,TZA,20x0,1,,
                IT_USE_ii99,TZA,2019,abc,,
                IT_USE_ii99,TZA,2018,1,Q,
                IT_USE_ii99,TZA,2017,1,,Z
                IT_USE_ii99,TZA,2020,21.0,,
                IT_USE_ii99,TZA,2016
                """).then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("8 row(s) failed validation"))
                .body("errors.field", hasItem("line 3: indicator"))
                .body("errors.field", hasItem("line 4: economy"))
                .body("errors.field", hasItem("line 5: period"))
                .body("errors.field", hasItem("line 6: value"))
                .body("errors.field", hasItem("line 7: sex"))
                .body("errors.field", hasItem("line 8: status"))
                .body("errors.field", hasItem("line 9: key"))
                .body("errors.field", hasItem("line 10: line"))
                .body("errors.find { it.field == 'line 3: indicator' }.message", containsString("IT_NOPE"));
        assertEquals(before, count("SELECT count(*) FROM observation"));
        // other tests of this class may publish every economy: compare with before, not with zero
        assertEquals(tanzaniaBefore, count("SELECT count(*) FROM observation WHERE economy_code = 'TZA'"));
    }

    @Test
    void agencyMayNotSubmitIndicatorsItDoesNotProvide() {
        long rwandaBefore = count("SELECT count(*) FROM observation WHERE economy_code = 'RWA'");
        upload(as("svc-unesco", "UNESCO", "indicator-publisher"), "text/csv", "indicator,economy,period,value\nSE_ACS_INTNT,RWA,2022,45\nIT_USE_ii99,RWA,2022,30\n")
                .then().statusCode(403).contentType("application/problem+json")
                .body("errors[0].field", equalTo("line 3: indicator"))
                .body("errors[0].message", containsString("UNESCO does not provide indicator 'IT_USE_ii99'"));
        assertEquals(rwandaBefore, count("SELECT count(*) FROM observation WHERE economy_code = 'RWA'"));
    }

    @Test
    void malformedFilesAreRejectedWithProblems() {
        upload("text/csv", "country;year;val\nKEN;2020;1\n").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("Unknown column"));
        upload("application/json", "{\"observations\": [").then().statusCode(400).contentType("application/problem+json");
        upload("text/plain", "hello").then().statusCode(415).contentType("application/problem+json");
        upload("application/xml", "<x/>").then().statusCode(400).body("detail", containsString("No DataSet"));
        upload("text/csv", "indicator,economy,period,value\n").then().statusCode(422).body("errors[0].field", equalTo("line 1: body"));
    }

    @Test
    void sdmxCsvUploadRunsAsAJobWithPollableStatus() throws Exception {
        String body = """
                DATAFLOW,FREQ,REF_AREA,INDICATOR,SEX,AGE,URBANISATION,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,UNIT_MULT
                WSIS:DF_ICT(1.0),A,GHA,IT_MOB_OWN,_T,_T,_T,2022,75.5,A,PERCENT,0
                WSIS:DF_ICT(1.0),A,GHA,IT_MOB_OWN,_T,_T,U,2022,85.5,P,PERCENT,0
                """;
        String location = asItu().contentType("application/vnd.sdmx.data+csv").header("Prefer", "respond-async")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/batches").then().statusCode(202).extract().header("Location");
        String status = org.awaitility.Awaitility.await("batch " + location + " ended").atMost(java.time.Duration.ofSeconds(10))
                .until(() -> asItu().get(location).then().statusCode(200).extract().<String>path("status"),
                        s -> List.of("PUBLISHED", "REJECTED", "FAILED").contains(s));
        assertEquals("PUBLISHED", status);
        asItu().get(location).then().body("stagedRows", equalTo(2)).body("rowCount", equalTo(2));
        asItu().get("/api/v1/observations?indicator=IT_MOB_OWN&economy=GHA&urbanisation=U").then()
                .body("items[0].value", equalTo(85.5f)).body("items[0].status", equalTo("P"));
    }

    @Test
    void aRetriedUploadWithItsIdempotencyKeyIsTheSameBatch() {
        String key = "itu-upload-" + UUID.randomUUID();
        String body = "indicator,economy,period,value\nIT_HH_NET,BWA,2023,27.5\n";
        long batchesBefore = batchCount();
        String first = asItu().contentType("text/csv").header("Idempotency-Key", key).body(body)
                .post("/api/v1/batches").then().statusCode(201).extract().header("Location");
        asItu().contentType("text/csv").header("Idempotency-Key", key).body(body)
                .post("/api/v1/batches").then().statusCode(201).header("Location", equalTo(first))
                .header("Idempotent-Replayed", "true");
        assertEquals(batchesBefore + 1, batchCount());
        // the same key for another file is a client bug: refused, nothing created
        asItu().contentType("text/csv").header("Idempotency-Key", key).body(body.replace("27.5", "28.0"))
                .post("/api/v1/batches").then().statusCode(422).contentType("application/problem+json");
        assertEquals(batchesBefore + 1, batchCount());
        // a rejected upload keeps no key: corrected and sent again with it, it is accepted
        String fixKey = "itu-upload-" + UUID.randomUUID();
        asItu().contentType("text/csv").header("Idempotency-Key", fixKey).body("indicator,economy,period,value\nIT_HH_NET,XXX,2023,1\n")
                .post("/api/v1/batches").then().statusCode(422);
        asItu().contentType("text/csv").header("Idempotency-Key", fixKey).body("indicator,economy,period,value\nIT_HH_NET,BWA,2022,25\n")
                .post("/api/v1/batches").then().statusCode(201);
    }

    private long batchCount() {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM batch WHERE status <> 'REJECTED'").getSingleResult()).longValue();
    }

    @Test
    void changeFeedListsPublishedChangesAfterACursor() {
        // the end of the feed, however much other tests published before (pages of at most 10,000)
        long cursor = 0;
        Map<String, Object> page;
        do {
            page = asItu().get("/api/v1/changes?after=" + cursor + "&limit=10000").then().statusCode(200).extract().path("$");
            cursor = ((Number) page.get("nextCursor")).longValue();
        } while (Boolean.TRUE.equals(page.get("hasMore")));
        upload("text/csv", "indicator,economy,period,value\nIT_POP_4G,SEN,2023,88\nIT_POP_4G,SEN,2022,80\n").then().statusCode(201);
        asItu().get("/api/v1/changes?after=" + cursor + "&limit=1").then().statusCode(200)
                .body("changes", hasSize(1)).body("hasMore", equalTo(true))
                .body("changes[0].observation.economy", equalTo("SEN")).body("nextCursor", greaterThan((int) cursor));
        asItu().get("/api/v1/changes?after=" + cursor).then().statusCode(200).body("changes", hasSize(2)).body("hasMore", equalTo(false));
        asItu().get("/api/v1/changes?limit=0").then().statusCode(400).contentType("application/problem+json");
    }

    void idiIsComputedWhenAllComponentsExistAndRecomputedOnRevision() {
        String components = """
                indicator,economy,period,value
                IT_USE_ii99,FIN,2023,90
                IT_HH_NET,FIN,2023,95
                IT_MBB_SUBS,FIN,2023,150
                IT_POP_3G,FIN,2023,100
                IT_POP_4G,FIN,2023,99
                IT_MBB_TRAF,FIN,2023,300
                IT_FBB_TRAF,FIN,2023,3000
                IT_MOB_BSKT,FIN,2023,1
                IT_FBB_BSKT,FIN,2023,1.5
                """;
        upload("text/csv", components).then().statusCode(201);
        asItu().get("/api/v1/idi?economy=FIN&period=2023").then().statusCode(200).body("items", hasSize(0));
        upload("text/csv", "indicator,economy,period,value\nIT_MOB_OWN,FIN,2023,98\n").then().statusCode(201);
        float first = asItu().get("/api/v1/idi?economy=FIN&period=2023").then().statusCode(200).body("items", hasSize(1))
                .extract().path("items[0].idi");
        assertTrue(first > 95, "FIN scores near the top: " + first);
        upload("text/csv", "indicator,economy,period,value\nIT_USE_ii99,FIN,2023,50\n").then().statusCode(201);
        float revised = asItu().get("/api/v1/idi?economy=FIN&period=2023").then().extract().path("items[0].idi");
        assertTrue(revised < first, "revision lowers the IDI: " + revised + " < " + first);
    }

    @Test
    @TestSecurity(user = "someone", roles = "indicator-publisher")
    void uploadWithoutAgencyClaimIsForbidden() {
        upload(given(), "text/csv", "indicator,economy,period,value\nIT_USE_ii99,KEN,2020,1\n").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anonymousUploadIsUnauthorized() {
        upload(given(), "text/csv", "indicator,economy,period,value\n").then().statusCode(401);
        given().get("/api/v1/batches/" + UUID.randomUUID()).then().statusCode(401);
    }

    private long count(String sql) {
        return ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue();
    }

    private static JsonNode awaitEvent(String topic, String key, Duration timeout) {
        return TestTopics.ofConfiguredBroker().awaitEvent(topic, key, null, timeout);
    }
}
