package org.wsis.e2e;

import org.junit.jupiter.api.Tag;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.RealmTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 20, through the gateway with the realm's real tokens: a moderator's decision is in stocktaking's audit log,
 * read by a platform admin, naming the moderator by subject (their fixed realm id) with their realm roles; the
 * moderator and the entry's owner are refused the audit log.
 */
@Tag("integration")
class AuditLogEndToEndTest {
    /** The realm's moderator (fixed id, deploy/keycloak/README.md). */
    private static final String MODERATOR_ID = "0a1b2c3d-0000-4000-8000-000000000003";

    @Test
    void anAdminReadsTheAuditEntryOfAModerationDecision() {
        RealmTokens tokens = SharedPlatform.tokens();
        String editor = tokens.userToken("editor");
        String moderator = tokens.userToken("moderator");
        String id = SharedPlatform.gateway().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("title", "Audited community network " + UUID.randomUUID(), "description", "Mesh network for a valley.",
                        "organisation", "Valley Co-op", "actionLines", List.of("C2"), "contactName", "Valley Coordinator", "contactEmail", "valley@example.org"))
                .post("/api/stocktaking/v1/entries").then().statusCode(201).extract().path("id");
        SharedPlatform.gateway().auth().oauth2(editor).post("/api/stocktaking/v1/entries/" + id + "/submit").then().statusCode(200);
        SharedPlatform.gateway().auth().oauth2(moderator).contentType(ContentType.JSON)
                .body(Map.of("comment", "Please name the valley's districts")).post("/api/stocktaking/v1/entries/" + id + "/return")
                .then().statusCode(200);

        Response audit = SharedPlatform.gateway().auth().oauth2(tokens.userToken("admin"))
                .queryParam("targetType", "entry").queryParam("targetId", id).get("/api/stocktaking/v1/audit");
        audit.then().statusCode(200).header("X-Total-Count", "1").header("Cache-Control", "no-store")
                .body("items[0].action", equalTo("entry.returned"))
                .body("items[0].actor.subject", equalTo(MODERATOR_ID))
                .body("items[0].actor.roles", hasItem("stocktaking-moderator"))
                .body("items[0].before.status", equalTo("SUBMITTED"))
                .body("items[0].after.status", equalTo("RETURNED"))
                .body("items[0].reason", equalTo("Please name the valley's districts"));
        assertFalse(audit.asString().contains("valley@example.org"), "the audit log copies no contact details: " + audit.asString());

        SharedPlatform.gateway().auth().oauth2(moderator).get("/api/stocktaking/v1/audit").then().statusCode(403)
                .contentType("application/problem+json");
        SharedPlatform.gateway().auth().oauth2(editor).get("/api/prizes/v1/audit").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
