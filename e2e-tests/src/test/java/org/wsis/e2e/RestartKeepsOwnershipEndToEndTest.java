package org.wsis.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.Directories;
import org.wsis.localstack.PlatformService;
import org.wsis.localstack.PlatformStack;
import org.wsis.localstack.testing.RealmTokens;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code ./run-local} does when stopped and started again: the data stays (durable PostgreSQL
 * and Kafka in the same work directory) and Keycloak re-imports the realm into a fresh in-memory
 * database. The realm gives every user a fixed id, so the same person comes back with the same
 * subject: the editor can still edit their entry, and the forum still knows the participant is
 * registered. Starts its own platform (Keycloak, stocktaking, forum, gateway) twice, since it restarts it.
 */
@Tag("integration")
class RestartKeepsOwnershipEndToEndTest {
    private static final Pattern SUBJECT = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"");
    private static final int FORUM_YEAR = 2091;

    @Test
    void ownersKeepTheirEntriesAndRegistrationsAcrossARestart() {
        Path workDir = Path.of("target", "restart-stack").toAbsolutePath();
        Directories.deleteQuietly(workDir); // start from nothing; the second start must find what the first left
        // Only the two services whose ownership it checks: two boots of the whole platform cost twice as much.
        PlatformStack.Options durable = new PlatformStack.Options(workDir, null, true, true,
                EnumSet.of(PlatformService.STOCKTAKING, PlatformService.FORUM), true);

        String entryId;
        String editorSubject;
        String registrationId;
        try (PlatformStack first = PlatformStack.start(durable)) {
            RealmTokens tokens = new RealmTokens(first.keycloak().realmUrl());
            String editor = tokens.userToken("editor");
            editorSubject = subject(editor);
            entryId = given().baseUri(first.gateway().url()).auth().oauth2(editor).contentType(ContentType.JSON)
                    .body(Map.of("title", "Solar-powered telecentres", "description", "Telecentres run on solar power.",
                            "organisation", "Energy for ICT", "actionLines", List.of("C2")))
                    .post("/api/stocktaking/v1/entries").then().statusCode(201).extract().path("id");

            given().baseUri(first.gateway().url()).auth().oauth2(tokens.userToken("organizer")).contentType(ContentType.JSON)
                    .body(Map.of("year", FORUM_YEAR, "title", "WSIS Forum " + FORUM_YEAR, "startsOn", FORUM_YEAR + "-07-07",
                            "endsOn", FORUM_YEAR + "-07-10", "venue", "Geneva", "hybrid", true))
                    .post("/api/forum/v1/editions").then().statusCode(201);
            registrationId = register(first, tokens.userToken("participant")).then().statusCode(201).extract().path("id");
        }

        try (PlatformStack second = PlatformStack.start(durable)) {
            RealmTokens tokens = new RealmTokens(second.keycloak().realmUrl());
            String editor = tokens.userToken("editor");
            assertEquals(editorSubject, subject(editor), "the realm re-import kept editor's subject");

            Response current = given().baseUri(second.gateway().url()).auth().oauth2(editor)
                    .get("/api/stocktaking/v1/entries/" + entryId);
            current.then().statusCode(200);
            given().baseUri(second.gateway().url()).auth().oauth2(editor).contentType(ContentType.JSON)
                    .header("If-Match", current.header("ETag"))
                    .body(Map.of("title", "Solar-powered telecentres, phase 2", "description", "Now 40 telecentres.",
                            "organisation", "Energy for ICT", "actionLines", List.of("C2", "C4")))
                    .put("/api/stocktaking/v1/entries/" + entryId)
                    .then().statusCode(200).body("title", equalTo("Solar-powered telecentres, phase 2"));
            // Ownership is still checked: another editor may not touch it (stocktaking answers 404 for
            // someone else's draft, so as not to reveal that it exists).
            given().baseUri(second.gateway().url()).auth().oauth2(tokens.userToken("editor2")).contentType(ContentType.JSON)
                    .header("If-Match", current.header("ETag"))
                    .body(Map.of("title", "Taken over", "description", "x", "organisation", "x", "actionLines", List.of("C2")))
                    .put("/api/stocktaking/v1/entries/" + entryId).then().statusCode(404);

            String participant = tokens.userToken("participant");
            register(second, participant).then().statusCode(409).contentType("application/problem+json");
            given().baseUri(second.gateway().url()).auth().oauth2(participant)
                    .get("/api/forum/v1/editions/" + FORUM_YEAR + "/registrations/me")
                    .then().statusCode(200).body("id", equalTo(registrationId));
        }
    }

    private static Response register(PlatformStack stack, String token) {
        return given().baseUri(stack.gateway().url()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("attendance", "REMOTE", "fullName", "Pat Participant", "stakeholderType", "CIVIL_SOCIETY",
                        "country", "KEN", "consent", true))
                .post("/api/forum/v1/editions/" + FORUM_YEAR + "/registrations/me");
    }

    /** The token's {@code sub} claim (read, not verified: the platform verifies it). */
    private static String subject(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher sub = SUBJECT.matcher(payload);
        assertTrue(sub.find(), "an access token carries sub: " + payload);
        return sub.group(1);
    }
}
