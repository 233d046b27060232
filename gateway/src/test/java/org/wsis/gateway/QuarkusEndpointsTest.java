package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Quarkus' own endpoints: the API description stays on the public port next to the catch-all 404;
 * health (which names the upstream URLs) and metrics only on the management port (issue 17).
 */
@Tag("integration")
@QuarkusTest
@WithTestResource(UpstreamStub.class)
class QuarkusEndpointsTest {

    // (relative to the management root, /q: issue 17 moved health and metrics there)
    @io.quarkus.test.common.http.TestHTTPResource(value = "/health", management = true)
    java.net.URL health;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/live", management = true)
    java.net.URL live;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/ready", management = true)
    java.net.URL ready;

    @Test
    void healthIsUpEvenWithAServiceDown() {
        given().get(health).then().statusCode(200).body("status", equalTo("UP"));
        given().get(live).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void healthAndMetricsAreNotOnThePublicPort() {
        for (String path : new String[]{"/q/health", "/q/health/ready", "/q/health/live", "/q/metrics"}) {
            given().get(path).then().statusCode(404).contentType("application/problem+json")
                    .body(org.hamcrest.Matchers.not(containsString("127.0.0.1")));
        }
    }

    @Test
    void readinessReportsTheRoutingTable() {
        given().get(ready).then().statusCode(200)
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
