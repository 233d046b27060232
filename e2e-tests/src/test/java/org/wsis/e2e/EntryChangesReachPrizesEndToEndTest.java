package org.wsis.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PrizeTexts;
import org.wsis.localstack.testing.RealmTokens;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wsis.e2e.SharedPlatform.retryOn429;
import static org.wsis.e2e.SharedPlatform.as;

/**
 * Issue 18, "entry updates and withdrawals reach prizes", with the real services only: an entry published in
 * stocktaking and submitted to a prize edition; its owner's edit, once a moderator publishes it
 * ({@code entry.updated.v2}), renames the eligible entry and the submission in prizes; archiving the entry in
 * stocktaking ({@code entry.withdrawn.v1}, the only way an entry leaves the public) makes it ineligible and
 * withdraws the submission. Everything goes through the gateway, Kafka and prizes' consumer.
 */
@Tag("integration")
class EntryChangesReachPrizesEndToEndTest {
    private static final Duration EVENT_DELIVERY = Duration.ofSeconds(60);

    @Test
    void entryEditAndWithdrawalInStocktakingReachTheSubmission() {
        RealmTokens tokens = SharedPlatform.tokens();
        String editor = tokens.userToken("editor");
        String moderator = tokens.userToken("moderator");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String entryJson = """
                {"title": "Village tele-health %s", "description": "Nurses consult doctors over community Wi-Fi.",
                 "organisation": "Health Links %s", "actionLines": ["C4"]}""".formatted(run, run);

        // stocktaking: the editor writes and submits, a moderator publishes
        String entry = retryOn429(() -> as(editor).contentType(ContentType.JSON).body(entryJson).post("/api/stocktaking/v1/entries"))
                .then().statusCode(201).extract().path("id");
        as(editor).post("/api/stocktaking/v1/entries/" + entry + "/submit").then().statusCode(200);
        as(moderator).post("/api/stocktaking/v1/entries/" + entry + "/publish").then().statusCode(200);
        await("entry.published reaches prizes").atMost(EVENT_DELIVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> SharedPlatform.gateway().get("/api/prizes/v1/eligible-entries/" + entry).statusCode() == 200);

        // prizes: a rehearsal edition in its submission phase; the owner submits the entry
        String edition = "/api/prizes/v1/editions/" + freeRehearsalYear();
        as(tokens.userToken("prize-admin")).contentType(ContentType.JSON).body(submissionPhaseDates())
                .put(edition).then().statusCode(201).body("phase", equalTo("SUBMISSION"));
        String submission = as(editor).contentType(ContentType.JSON)
                .body(Map.of("entryId", entry, "category", "C4", "summary", PrizeTexts.SHORT_DESCRIPTION))
                .post(edition + "/submissions").then().statusCode(201)
                .body("title", equalTo("Village tele-health " + run)).extract().path("id");

        // stocktaking: the owner edits the published entry (a revision for moderation); a moderator publishes it
        String etag = as(editor).get("/api/stocktaking/v1/entries/" + entry).then().statusCode(200).extract().header("ETag");
        String renamed = entryJson.replace("Village tele-health", "Rural tele-medicine").replace("Health Links", "Care Links");
        retryOn429(() -> as(editor).contentType(ContentType.JSON).header("If-Match", etag).body(renamed)
                .put("/api/stocktaking/v1/entries/" + entry)).then().statusCode(200);
        as(moderator).post("/api/stocktaking/v1/entries/" + entry + "/publish").then().statusCode(200)
                .body("title", equalTo("Rural tele-medicine " + run));

        // prizes follows: the eligible entry and the live submission carry the new title and organisation
        await("entry.updated reaches the submission").atMost(EVENT_DELIVERY).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    Response view = as(editor).get(edition + "/submissions/" + submission);
                    assertEquals(200, view.statusCode());
                    assertEquals("Rural tele-medicine " + run, view.path("title"));
                    assertEquals("Care Links " + run, view.path("organisation"));
                    assertEquals("SUBMITTED", view.path("status"));
                });
        SharedPlatform.gateway().get("/api/prizes/v1/eligible-entries/" + entry).then().statusCode(200)
                .body("title", equalTo("Rural tele-medicine " + run)).body("organisation", equalTo("Care Links " + run));

        // stocktaking: a moderator archives the entry (withdrawn from the public) ...
        as(moderator).post("/api/stocktaking/v1/entries/" + entry + "/archive").then().statusCode(200)
                .body("status", equalTo("ARCHIVED"));

        // ... and in prizes it is no longer eligible and its submission is withdrawn (before voting, as prizes rules)
        await("entry.withdrawn reaches the submission").atMost(EVENT_DELIVERY).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertEquals("WITHDRAWN",
                        as(editor).get(edition + "/submissions/" + submission).then().statusCode(200).extract().path("status")));
        SharedPlatform.gateway().get("/api/prizes/v1/eligible-entries/" + entry).then().statusCode(404)
                .contentType("application/problem+json");
        // a withdrawn entry cannot be submitted again
        as(editor).contentType(ContentType.JSON)
                .body(Map.of("entryId", entry, "category", "C4", "summary", PrizeTexts.SHORT_DESCRIPTION))
                .post(edition + "/submissions").then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .statusCode(org.hamcrest.Matchers.lessThan(500)).contentType("application/problem+json");
    }

    /** stocktaking limits entry writes per person (429 Retry-After); other classes' writes share the editor's budget. */

    /** Editions from 3000 on are rehearsals (prizes.editions.rehearsal-from-year); the database outlives runs. */
    private static int freeRehearsalYear() {
        int year = 3000 + new Random().nextInt(5000);
        while (SharedPlatform.gateway().get("/api/prizes/v1/editions/" + year).statusCode() == 200) {
            year++;
        }
        return year;
    }

    /** Now in the submission phase: it opened yesterday, review opens in nine days. */
    private static Map<String, Object> submissionPhaseDates() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        Map<String, Object> dates = new LinkedHashMap<>();
        dates.put("submissionOpens", now.minusDays(1).toString());
        dates.put("reviewOpens", now.plusDays(9).toString());
        dates.put("nominationOpens", now.plusDays(19).toString());
        dates.put("votingOpens", now.plusDays(29).toString());
        dates.put("resultsOpen", now.plusDays(39).toString());
        return dates;
    }
}
