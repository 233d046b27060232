package org.wsis.e2e;

import io.restassured.RestAssured;

/** Real tokens from the realm in deploy/keycloak (users' password = user name). */
final class Keycloak {
    private final String realmUrl;

    Keycloak(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    /** Password grant through the local-only public client wsis-dev-cli. */
    String userToken(String username) {
        return RestAssured.given().formParam("grant_type", "password").formParam("client_id", "wsis-dev-cli")
                .formParam("username", username).formParam("password", username)
                .post(realmUrl + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** Client credentials of a partner agency's confidential client. */
    String agencyToken(String clientId) {
        return RestAssured.given().formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", clientId + "-secret")
                .post(realmUrl + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
