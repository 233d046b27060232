package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Quarkus' own endpoints under /q stay reachable next to the catch-all 404. */
@QuarkusTest
@WithTestResource(UpstreamStub.class)
class QuarkusEndpointsTest {

    @Test
    void healthIsUpEvenWithAServiceDown() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessReportsTheRoutingTable() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("gateway-routes"))
                .body("checks.find { it.name == 'gateway-routes' }.data.forum", containsString("http://127.0.0.1:"));
    }

    @Test
    void openApiDescribesTheGatewayRoutes() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("WSIS gateway"))
                .body("paths.keySet()", hasItem("/api/stocktaking/{path}"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
