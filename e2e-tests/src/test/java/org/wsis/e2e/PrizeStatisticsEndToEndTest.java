package org.wsis.e2e;

import org.junit.jupiter.api.Tag;
import io.restassured.http.ContentType;
import it.bancaditalia.oss.sdmx.api.BaseObservation;
import it.bancaditalia.oss.sdmx.api.PortableTimeSeries;
import it.bancaditalia.oss.sdmx.client.SdmxClientHandler;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PrizeTexts;
import org.wsis.localstack.testing.RealmTokens;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wsis.e2e.SharedPlatform.retryOn429;
import static org.wsis.e2e.SharedPlatform.as;

/**
 * Issue 16 item 5, prizes, with the real services only: a rehearsal edition driven through the gateway (an entry
 * published in stocktaking, submitted, nominated, results published: the ceremony is the results' opening, already
 * past). Before publication the SDMX dataflow WSIS:DF_PRIZES has nothing of the edition (the embargo holds); after
 * it, read by the Bank of Italy SDMX client at the gateway, its entries, nominees and valid votes equal the
 * published results of prizes' JSON API, by region of the entry (AFR and INT: once in each, once in the total).
 */
@Tag("integration")
class PrizeStatisticsEndToEndTest {
    private static final String PROVIDER = "WSIS_PRIZES_E2E";
    private static final Duration EVENT_DELIVERY = Duration.ofSeconds(90);

    @Test
    void prizesDataflowEqualsThePublishedResultsAndNothingBefore() throws Exception {
        RealmTokens tokens = SharedPlatform.tokens();
        String editor = tokens.userToken("editor");
        String admin = tokens.userToken("prize-admin");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String entry = retryOn429(() -> as(editor).contentType(ContentType.JSON).body("""
                {"title": "Solar school networks %s", "description": "Solar-powered Wi-Fi for rural schools.",
                 "organisation": "Schools Online %s", "actionLines": ["C4"], "regions": ["AFR", "INT"],
                 "stakeholderType": "GOVERNMENT"}""".formatted(run, run)).post("/api/stocktaking/v1/entries"))
                .then().statusCode(201).extract().path("id");
        as(editor).post("/api/stocktaking/v1/entries/" + entry + "/submit").then().statusCode(200);
        as(tokens.userToken("moderator")).post("/api/stocktaking/v1/entries/" + entry + "/publish").then().statusCode(200);
        await("entry.published reaches prizes").atMost(EVENT_DELIVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> SharedPlatform.gateway().get("/api/prizes/v1/eligible-entries/" + entry).statusCode() == 200);

        int year = freeRehearsalYear();
        String edition = "/api/prizes/v1/editions/" + year;
        as(admin).contentType(ContentType.JSON).body(phaseDates(1)).put(edition).then().statusCode(201).body("phase", equalTo("SUBMISSION"));
        String submission = as(editor).contentType(ContentType.JSON)
                .body(Map.of("entryId", entry, "category", "C4", "summary", PrizeTexts.SHORT_DESCRIPTION))
                .post(edition + "/submissions").then().statusCode(201).extract().path("id");
        moveToPhase(admin, edition, 3);
        as(admin).put(edition + "/nominees/" + submission).then().statusCode(200);
        as(admin).post(edition + "/nominees/announce").then().statusCode(200);
        moveToPhase(admin, edition, 5);
        as(admin).get(edition + "/results").then().statusCode(200);
        as(admin).contentType(ContentType.JSON).body(Map.of("submissionId", submission)).put(edition + "/results/winners/C4")
                .then().statusCode(200);

        String sdmx = "/api/indicators/sdmx/data/DF_PRIZES/all?startPeriod=" + year + "&endPeriod=" + year;
        SharedPlatform.gateway().get(sdmx).then().statusCode(404); // nothing before the results are published
        as(admin).post(edition + "/results/publish").then().statusCode(200).body("published", equalTo(true));

        List<Map<String, Object>> results = SharedPlatform.gateway().get(edition + "/results").then().statusCode(200)
                .extract().path("results");
        long votes = results.stream().mapToLong(r -> ((Number) r.get("votes")).longValue()).sum();
        Map<String, Long> expected = new TreeMap<>(Map.of(
                "C4._T.ENTRIES", 1L, "C4._T.NOMINEES", (long) results.size(), "C4._T.VALID_VOTES", votes,
                "C4.AFR.NOMINEES", 1L, "C4.INT.NOMINEES", 1L, "_T._T.NOMINEES", (long) results.size()));

        SdmxClientHandler.addProvider(PROVIDER, SharedPlatform.stack().gateway().url() + "/api/indicators/sdmx",
                false, false, true, "WSIS platform prize statistics through the gateway");
        Map<String, Long> fromSdmx = new TreeMap<>();
        await("WSIS:DF_PRIZES for " + year).atMost(EVENT_DELIVERY).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    fromSdmx.clear();
                    for (PortableTimeSeries<Double> s : SdmxClientHandler.getTimeSeries(PROVIDER,
                            "DF_PRIZES/A.C4+_T.AFR+INT+_T._T.", Integer.toString(year), Integer.toString(year))) {
                        for (BaseObservation<? extends Double> o : s) {
                            String key = s.getDimension("CATEGORY") + "." + s.getDimension("REGION") + "." + s.getDimension("MEASURE");
                            if (expected.containsKey(key)) {
                                fromSdmx.put(key, Math.round(o.getValueAsDouble()));
                            }
                        }
                    }
                    return fromSdmx.equals(expected);
                });
        assertEquals(expected, fromSdmx);
    }

    private static void moveToPhase(String admin, String edition, int phase) {
        String etag = SharedPlatform.gateway().get(edition).then().statusCode(200).extract().header("ETag");
        as(admin).header("If-Match", etag).contentType(ContentType.JSON).body(phaseDates(phase)).put(edition).then().statusCode(200);
    }

    /** Dates that put now inside phase n (1 submission ... 5 results; the ceremony defaults to the results' opening). */
    private static Map<String, Object> phaseDates(int phase) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        String[] names = {"submissionOpens", "reviewOpens", "nominationOpens", "votingOpens", "resultsOpen"};
        Map<String, Object> dates = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            dates.put(names[i - 1], now.plusDays((i - phase) * 10L - 1).toString());
        }
        dates.put("championsPerCategory", 1);
        dates.put("changeReason", "the e2e suite moves its rehearsal edition to phase " + phase);
        return dates;
    }

    /** Editions from 3000 on are rehearsals (prizes.editions.rehearsal-from-year); the database outlives runs. */
    private static int freeRehearsalYear() {
        int year = 3000 + new Random().nextInt(5000);
        while (SharedPlatform.gateway().get("/api/prizes/v1/editions/" + year).statusCode() == 200) {
            year++;
        }
        return year;
    }

}
