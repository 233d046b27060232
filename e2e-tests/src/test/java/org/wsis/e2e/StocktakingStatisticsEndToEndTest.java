package org.wsis.e2e;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import it.bancaditalia.oss.sdmx.api.BaseObservation;
import it.bancaditalia.oss.sdmx.api.Dimension;
import it.bancaditalia.oss.sdmx.api.PortableTimeSeries;
import it.bancaditalia.oss.sdmx.client.SdmxClientHandler;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.RealmTokens;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wsis.e2e.SharedPlatform.retryOn429;
import static org.wsis.e2e.SharedPlatform.as;

/**
 * Issue 16 item 5, with the real services only: entries published in stocktaking through the gateway reach
 * indicators-service through stocktaking's events, and the dataflow WSIS:DF_STOCKTAKING read by an independent
 * SDMX client (the Bank of Italy's, as a custom SDMX 2.1 provider at the gateway) gives the same counts as
 * stocktaking's own report (GET /api/stocktaking/v1/reports/stocktaking) for the year: the total, and per
 * action line, SDG, region and stakeholder type (the {@code _T} totals of the other dimensions).
 */
@Tag("integration")
class StocktakingStatisticsEndToEndTest {
    private static final String PROVIDER = "WSIS_STATS_E2E";
    private static final String FLOW = "DF_STOCKTAKING";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stocktakingDataflowReadByAnSdmxClientEqualsTheStocktakingReport() throws Exception {
        RealmTokens tokens = SharedPlatform.tokens();
        String editor = tokens.userToken("editor");
        String moderator = tokens.userToken("moderator");
        String run = UUID.randomUUID().toString().substring(0, 8);
        // several action lines, SDGs and regions per entry: each counts once in each, once in the totals
        publish(editor, moderator, """
                {"title": "Rural tele-clinics %s", "description": "Clinics consult over satellite links.", "organisation": "Health %s",
                 "actionLines": ["C2", "C7.E-HEALTH"], "sdgTargets": ["3.8", "9.c"], "regions": ["AFR", "INT"],
                 "countries": ["KEN"], "stakeholderType": "GOVERNMENT"}""".formatted(run, run));
        publish(editor, moderator, """
                {"title": "Coding clubs %s", "description": "After-school coding clubs.", "organisation": "Code %s",
                 "actionLines": ["C4"], "sdgTargets": ["4.4"], "regions": ["EUR"], "stakeholderType": "CIVIL_SOCIETY"}""".formatted(run, run));
        publish(editor, moderator, """
                {"title": "Open archives %s", "description": "Digitised archives for all.", "organisation": "Archive %s",
                 "actionLines": ["C3", "C8"]}""".formatted(run, run));
        int year = OffsetDateTime.now(ZoneOffset.UTC).getYear(); // the stocktaking year of what is published now

        String base = SharedPlatform.stack().gateway().url() + "/api/indicators/sdmx";
        SdmxClientHandler.addProvider(PROVIDER, base, false, false, true, "WSIS platform statistics through the gateway");
        assertTrue(SdmxClientHandler.getFlows(PROVIDER, null).keySet().stream().anyMatch(f -> f.contains(FLOW)));
        assertEquals(List.of("FREQ", "ACTION_LINE", "SDG", "REGION", "STAKEHOLDER_TYPE"),
                SdmxClientHandler.getDimensions(PROVIDER, FLOW).stream().map(Dimension::getId).collect(Collectors.toList()));
        Map<String, String> regions = SdmxClientHandler.getCodes(PROVIDER, FLOW, "REGION");
        assertEquals("Total", regions.get("_T"));
        assertTrue(regions.containsKey("INT"), regions.toString());
        assertTrue(SdmxClientHandler.getCodes(PROVIDER, FLOW, "ACTION_LINE").containsKey("C7_E-HEALTH"));

        // events travel stocktaking -> Kafka -> indicators: wait until the figures agree, then they must stay equal
        AtomicReference<Map<String, Long>> fromReport = new AtomicReference<>();
        AtomicReference<Map<String, Long>> fromSdmx = new AtomicReference<>();
        await("WSIS:DF_STOCKTAKING equals stocktaking's report for " + year).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    fromReport.set(report(year));
                    fromSdmx.set(sdmx(year));
                    return fromReport.get().equals(fromSdmx.get());
                });
        Map<String, Long> counts = fromSdmx.get();
        assertTrue(counts.get("total") >= 3, counts.toString());
        assertTrue(counts.get("actionLine:C7_E-HEALTH") >= 1 && counts.get("region:INT") >= 1 && counts.get("sdg:4") >= 1, counts.toString());
    }

    /** Stocktaking's report for the year: total and per facet, action lines spelled as SDMX codes (C7.E-HEALTH -> C7_E-HEALTH). */
    private static Map<String, Long> report(int year) throws Exception {
        JsonNode report = JSON.readTree(SharedPlatform.gateway().get("/api/stocktaking/v1/reports/stocktaking?fromYear=" + year + "&toYear=" + year)
                .then().statusCode(200).extract().asString());
        Map<String, Long> counts = new TreeMap<>();
        counts.put("total", report.get("entries").asLong());
        for (String facet : List.of("actionLine", "sdg", "region", "stakeholderType")) {
            for (JsonNode v : report.get("counts").get(facet)) {
                counts.put(facet + ":" + v.get("value").asText().replace('.', '_'), v.get("count").asLong());
            }
        }
        return counts;
    }

    /** The same figures from WSIS:DF_STOCKTAKING through the SDMX client: one dimension broken down, the others _T. */
    private static Map<String, Long> sdmx(int year) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        String[] facets = {"actionLine", "sdg", "region", "stakeholderType"};
        String[] dimensions = {"ACTION_LINE", "SDG", "REGION", "STAKEHOLDER_TYPE"};
        for (int d = 0; d < 4; d++) {
            StringBuilder key = new StringBuilder("A");
            for (int k = 0; k < 4; k++) {
                key.append('.').append(k == d ? "" : "_T");
            }
            List<PortableTimeSeries<Double>> series = SdmxClientHandler.getTimeSeries(PROVIDER, FLOW + "/" + key,
                    Integer.toString(year), Integer.toString(year));
            for (PortableTimeSeries<Double> s : series) {
                String code = s.getDimension(dimensions[d]);
                for (BaseObservation<? extends Double> o : s) {
                    if (!o.getTimeslot().equals(Integer.toString(year))) {
                        continue;
                    }
                    long n = Math.round(o.getValueAsDouble());
                    if (code.equals("_T")) {
                        counts.put("total", n);
                    } else if (!code.equals("_Z")) { // "not specified": the report lists no such value
                        counts.put(facets[d] + ":" + code, n);
                    }
                }
            }
        }
        return counts;
    }

    private static void publish(String editor, String moderator, String entryJson) {
        String entry = retryOn429(() -> as(editor).contentType(ContentType.JSON).body(entryJson).post("/api/stocktaking/v1/entries"))
                .then().statusCode(201).extract().path("id");
        as(editor).post("/api/stocktaking/v1/entries/" + entry + "/submit").then().statusCode(200);
        as(moderator).post("/api/stocktaking/v1/entries/" + entry + "/publish").then().statusCode(200);
    }

}
