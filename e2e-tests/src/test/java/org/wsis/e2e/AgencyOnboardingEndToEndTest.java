package org.wsis.e2e;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.RealmTokens;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 20 item 4 (first part), through the gateway with the realm's real clients: UN DESA's system (client
 * agency-undesa, which the realm knows but which provides no indicator) is refused an indicator, ITU staff let it
 * provide that indicator through the API, its next upload publishes, and the grant is in the audit log. No
 * migration, no deployment. The grant is taken back at the end, so a rerun starts alike.
 */
@Tag("integration")
class AgencyOnboardingEndToEndTest {
    /** Period 2089: no other test publishes it. */
    private static final String CSV = "indicator,economy,period,value\nIT_MOB_OWN,PER,2089,77.5\n";

    @Test
    void anAgencyIsOnboardedForAnIndicatorAndPublishes() {
        RealmTokens tokens = SharedPlatform.tokens();
        String undesa = tokens.agencyToken("agency-undesa");
        String admin = tokens.userToken("admin");
        SharedPlatform.gateway().auth().oauth2(admin).delete("/api/indicators/v1/providers/UNDESA/indicators/IT_MOB_OWN"); // 204 or 404

        SharedPlatform.gateway().auth().oauth2(undesa).contentType("text/csv").body(CSV).post("/api/indicators/v1/batches")
                .then().statusCode(403).body("errors[0].message", containsString("UNDESA does not provide indicator 'IT_MOB_OWN'"));
        SharedPlatform.gateway().auth().oauth2(undesa).put("/api/indicators/v1/providers/UNDESA/indicators/IT_MOB_OWN")
                .then().statusCode(403); // an agency does not grant itself

        SharedPlatform.gateway().auth().oauth2(admin).put("/api/indicators/v1/providers/UNDESA/indicators/IT_MOB_OWN")
                .then().statusCode(201).body("indicators", hasItem("IT_MOB_OWN"));
        SharedPlatform.gateway().auth().oauth2(undesa).get("/api/indicators/v1/providers/me").then().statusCode(200)
                .body("agency", equalTo("UNDESA")).body("indicators", hasItem("IT_MOB_OWN"));
        SharedPlatform.gateway().auth().oauth2(undesa).contentType("text/csv").body(CSV).post("/api/indicators/v1/batches")
                .then().statusCode(201).body("status", equalTo("PUBLISHED"));
        SharedPlatform.gateway().get("/api/indicators/v1/observations?indicator=IT_MOB_OWN&economy=PER&from=2089&to=2089")
                .then().statusCode(200).body("items.provider", hasItem("UNDESA"));

        SharedPlatform.gateway().auth().oauth2(admin).queryParam("action", "provider.indicator-granted").queryParam("targetId", "UNDESA")
                .get("/api/indicators/v1/audit").then().statusCode(200)
                .body("items[0].actor.roles", hasItem("platform-admin"))
                .body("items[0].after.indicators", hasItem("IT_MOB_OWN"));
        SharedPlatform.gateway().auth().oauth2(admin).delete("/api/indicators/v1/providers/UNDESA/indicators/IT_MOB_OWN")
                .then().statusCode(204);
    }
}
