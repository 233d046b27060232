package org.wsis.indicators.feed;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.wsis.indicators.testing.AgencyTokens.asItu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mirror polls SDMX updatedAfter (watermark = the time it sent its previous request, as SDMX clients
 * do) and the change feed while large batches are published and revised; afterwards both mirrors must
 * equal a full query. Before reads took the shared publish lock, a poll during a publish moved the
 * watermark past rows stamped earlier but committed later, and they were lost for good.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class SyncWhilePublishingTest {
    private static final String INDICATOR = "IT_INT_BW";
    private static final String FLOW_KEY = "/api/sdmx/data/DF_ICT/A.." + INDICATOR + "._T._T._T";

    @Test
    void mirrorsPollingDuringPublishesEqualAFullQueryAfterwards() throws Exception {
        List<String> economies = asItu().get("/api/sdmx/codelist/WSIS/CL_AREA/1.0").then().statusCode(200).extract()
                .xmlPath().getList("Structure.Structures.Codelists.Codelist.Code.@id", String.class);
        Map<String, String> mirror = new HashMap<>();
        long[] cursor = {latestCursor()};
        Map<String, String> feedMirror = new HashMap<>();
        Instant watermark = Instant.now();

        CompletableFuture<Void> publishes = CompletableFuture.runAsync(() -> {
            for (int round = 1; round <= 3; round++) {
                StringBuilder csv = new StringBuilder("indicator,economy,period,value\n");
                for (String economy : economies) {
                    for (int year = 1990; year <= 2024; year++) {
                        csv.append(INDICATOR).append(',').append(economy).append(',').append(year).append(',')
                                .append(round * 1000 + year - 1990).append('\n');
                    }
                }
                asItu().contentType("text/csv").body(csv.toString()).post("/api/v1/batches").then().statusCode(201);
            }
        });
        int polls = 0;
        while (!publishes.isDone() || polls == 0) {
            Instant sent = Instant.now();
            boolean answered = poll(watermark, mirror);
            long sdmxMillis = java.time.Duration.between(sent, Instant.now()).toMillis();
            if (answered) {
                watermark = sent;
            }
            pollFeed(cursor, feedMirror);
            polls++;
            System.out.printf("poll %d: sdmx %d ms (%s), feed %d ms%n", polls, sdmxMillis, answered ? "answered" : "503",
                    java.time.Duration.between(sent, Instant.now()).toMillis() - sdmxMillis);
        }
        publishes.get(5, TimeUnit.MINUTES);
        poll(watermark, mirror);
        pollFeed(cursor, feedMirror);

        Map<String, String> full = new HashMap<>();
        parse(asItu().get(FLOW_KEY + "?format=csvdata").then().statusCode(200).extract().asString(), full);
        assertEquals(economies.size() * 35, full.size());
        assertTrue(full.values().stream().allMatch(v -> v.startsWith("3")), "the last round's values are current");
        assertEquals(full, mirror, "the updatedAfter mirror equals a full query");
        assertEquals(full, feedMirror, "the change-feed mirror equals a full query");
        assertTrue(polls > 3, "the mirror polled during the publishes (" + polls + " polls)");
    }

    /** One updatedAfter poll; false (keep the old watermark) when a publish made it answer 503. */
    private static boolean poll(Instant updatedAfter, Map<String, String> mirror) {
        Response response = asItu().queryParam("updatedAfter", updatedAfter.toString()).queryParam("format", "csvdata").get(FLOW_KEY);
        if (response.statusCode() == 503) {
            return false;
        }
        if (response.statusCode() == 404) {
            return true;
        }
        assertEquals(200, response.statusCode(), response.asString());
        parse(response.asString(), mirror);
        return true;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static com.fasterxml.jackson.databind.JsonNode changes(long after) {
        try {
            return JSON.readTree(asItu().get("/api/v1/changes?after=" + after + "&limit=10000").then().statusCode(200).extract().asByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void pollFeed(long[] cursor, Map<String, String> mirror) {
        boolean more = true;
        while (more) {
            var page = changes(cursor[0]);
            for (var change : page.get("changes")) {
                var o = change.get("observation");
                if (INDICATOR.equals(o.get("indicator").asText()) && "_T".equals(o.get("sex").asText())
                        && "_T".equals(o.get("age").asText()) && "_T".equals(o.get("urbanisation").asText())) {
                    mirror.put(o.get("economy").asText() + "/" + o.get("period").asInt(), number(o.get("value").asDouble()));
                }
            }
            cursor[0] = page.get("nextCursor").asLong();
            more = page.get("hasMore").asBoolean();
        }
    }

    private static long latestCursor() {
        long after = 0;
        while (true) {
            var page = changes(after);
            after = page.get("nextCursor").asLong();
            if (!page.get("hasMore").asBoolean()) {
                return after;
            }
        }
    }

    private static void parse(String csv, Map<String, String> into) {
        String[] lines = csv.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            into.put(f[2] + "/" + f[7], f[8]);
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
