package org.wsis.e2e;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.PlatformStack;
import org.wsis.localstack.demo.DemoData;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./run-local --demo}'s loader against the running platform, twice: the first run loads the
 * data set through the gateway, the second adds nothing. The figures are read back through the
 * gateway as a front-end would, not from the loader's own report. Uses its own edition year so other
 * test classes' editions are not touched.
 */
@Tag("integration")
class DemoDataEndToEndTest {
    private static final int YEAR = 2093;

    @Test
    @SuppressWarnings("unchecked")
    void loadsARealisticDataSetOnceThroughThePublicApi() throws java.io.IOException {
        PlatformStack stack = SharedPlatform.stack();
        PrintStream log = System.out;
        DemoData.Counts first = new DemoData(stack.gateway().url(), stack.keycloak().realmUrl(), YEAR, log).load();
        DemoData.Counts second = new DemoData(stack.gateway().url(), stack.keycloak().realmUrl(), YEAR, log).load();

        // Idempotent: the second run finds everything and creates nothing.
        assertEquals(0, second.entriesCreated(), "entries created by the second run");
        assertEquals(0, second.submissionsCreated(), "prize submissions created by the second run");
        assertEquals(0, second.sessionsCreated(), "forum sessions created by the second run");
        assertEquals(0, second.registrationsCreated(), "forum registrations created by the second run");
        assertEquals(0, second.observationsChanged(), "observations changed by the second run");
        assertEquals(first.entries(), second.entries());

        // Stocktaking: every demo title exactly once among its owners' entries, in six languages.
        List<Map<String, Object>> mine = new java.util.ArrayList<>();
        for (String owner : List.of("editor", "editor2")) {
            mine.addAll(SharedPlatform.gateway().auth().oauth2(SharedPlatform.tokens().userToken(owner))
                    .get("/api/stocktaking/v1/entries/mine?size=100").then().statusCode(200)
                    .extract().jsonPath().getList("items"));
        }
        for (String language : List.of("en", "fr", "es", "ar", "zh", "ru")) {
            SharedPlatform.gateway().get("/api/stocktaking/v1/search?language=" + language + "&size=1")
                    .then().statusCode(200).body("total", greaterThan(0));
        }
        assertEquals(28, first.entries());
        List<Map<String, Object>> specs = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(DemoData.class.getResourceAsStream("/demo/entries.json"), List.class);
        for (Map<String, Object> spec : specs) {
            Object title = spec.get("title");
            assertEquals(1, mine.stream().filter(e -> title.equals(e.get("title"))).count(), title + " exactly once");
        }
        assertEquals(26, first.entriesPublished(), "two demo entries wait in the moderation queue");

        // Prizes: the edition is voting, with its nominees announced and votes cast.
        SharedPlatform.gateway().get("/api/prizes/v1/editions/" + YEAR).then().statusCode(200)
                .body("phase", equalTo("VOTING")).body("nomineesAnnouncedAt", notNullValue());
        SharedPlatform.gateway().get("/api/prizes/v1/editions/" + YEAR + "/nominees").then().statusCode(200)
                .body("$", hasSize(first.submissions())).body("status", everyItem(equalTo("NOMINATED")));
        assertEquals(18, first.submissions(), "one submission per demo entry with a prize category");
        SharedPlatform.gateway().auth().oauth2(SharedPlatform.tokens().userToken("voter"))
                .get("/api/prizes/v1/editions/" + YEAR + "/votes/mine").then().statusCode(200)
                .body("size()", greaterThan(0));

        // Forum: eight sessions; the three-seat hackathon is full.
        List<Map<String, Object>> sessions = SharedPlatform.gateway().get("/api/forum/v1/editions/" + YEAR + "/sessions?size=100")
                .then().statusCode(200).extract().jsonPath().getList(sessionsPath());
        assertEquals(8, sessions.size());
        String hackathon = (String) sessions.stream().filter(s -> "HACKATHON".equals(s.get("kind"))).findFirst().orElseThrow().get("id");
        SharedPlatform.gateway().get("/api/forum/v1/sessions/" + hackathon).then().statusCode(200)
                .body("capacity", equalTo(3)).body("seatsTaken", equalTo(3));

        // Indicators: five indicators for every economy, six years each.
        assertTrue(first.economies() >= 240, "every economy: " + first.economies());
        SharedPlatform.gateway().get("/api/indicators/v1/observations?indicator=IT_MOB_OWN&economy=KEN&from=2019&to=2024&size=100")
                .then().statusCode(200).header("X-Total-Count", "6");
        SharedPlatform.gateway().get("/api/indicators/v1/observations?indicator=IT_HH_NET&from=2019&to=2024&size=1")
                .then().statusCode(200).header("X-Total-Count", String.valueOf(first.economies() * 6));
    }

    /** The agenda is a page {items} or a bare array, depending on the list convention of the day. */
    private static String sessionsPath() {
        String body = SharedPlatform.gateway().get("/api/forum/v1/editions/" + YEAR + "/sessions?size=1").asString();
        return body.trim().startsWith("[") ? "$" : "items";
    }
}
