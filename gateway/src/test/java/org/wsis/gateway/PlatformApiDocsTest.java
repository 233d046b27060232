package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;


import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The merged platform document and the Swagger UI configuration. The page rendered in a real browser,
 * over the real services, is e2e-tests' BrowserSignInTest (issue 19: no browser in the gateway module).
 */
@Tag("integration")
@QuarkusTest
@WithTestResource(ServiceDocsStub.class)
class PlatformApiDocsTest {

    @Test
    void mergedDocumentHasEveryServiceUnderItsGatewayPrefix() {
        var json = given().get("/api/openapi.json").then().statusCode(200)
                .contentType("application/json")
                .body("openapi", equalTo("3.0.3"))
                .body("info.title", equalTo("WSIS platform API"))
                .body("paths.'/api/stocktaking/v1/entries'.get.summary", equalTo("Search stocktaking entries"))
                // "list" is every stub service's id: shared ids get the service, unique ones stay as they are
                .body("paths.'/api/prizes/v1/editions/{year}/categories'.get.operationId", equalTo("prizesList"))
                .body("paths.'/api/forum/v1/editions/{year}/sessions'.get.tags", hasItem("Forum: Things"))
                // one shared Problem schema for the whole platform (service-commons'), service schemas kept apart
                .body("paths.'/api/indicators/v1/indicators'.get.responses.'400'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body("components.schemas.prizes_Problem", nullValue())
                .body("components.schemas.Problem.type", equalTo("object"))
                .body("components.schemas.forum_Thing.properties.note.nullable", equalTo(true))
                .body("components.schemas.forum_Thing.properties.note.type", equalTo("string"))
                .body("components.schemas.forum_Thing.properties.owner.nullable", equalTo(true))
                .body("components.schemas.forum_Thing.properties.owner.allOf[0].'$ref'", equalTo("#/components/schemas/forum_Owner"))
                // roles needed by an operation are kept; a public operation has sign-in optional
                .body("paths.'/api/forum/v1/editions/{year}/sessions'.post.security[0].wsis", hasItem("forum-organizer"))
                .body("paths.'/api/forum/v1/editions/{year}/sessions'.post.security.size()", equalTo(1))
                .body("paths.'/api/forum/v1/editions/{year}/sessions'.get.security.size()", equalTo(2))
                .body("components.securitySchemes.wsis.flows.authorizationCode.scopes.'forum-organizer'", notNullValue())
                .body("paths.'/q/health'", nullValue())
                .body("components.securitySchemes.wsis.type", equalTo("oauth2"))
                .body("components.securitySchemes.wsis.flows.authorizationCode.authorizationUrl",
                        equalTo("http://127.0.0.1:1/realms/wsis/protocol/openid-connect/auth"))
                .body("components.securitySchemes.SecurityScheme", nullValue())
                .extract().jsonPath();
        assertEquals(4, json.getMap("paths").size(), "one path per service: " + json.getMap("paths").keySet());
    }

    @Test
    void swaggerUiIsConfiguredForThePlatformDocumentAndThePublicClient() {
        given().redirects().follow(false).get("/docs").then().statusCode(302)
                .header("Location", containsString("/q/swagger-ui"));
        given().get("/q/swagger-ui/").then().statusCode(200)
                .body(containsString("/api/openapi.json"))
                .body(containsString("wsis-frontend"));
    }
}
