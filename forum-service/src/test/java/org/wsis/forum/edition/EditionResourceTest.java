package org.wsis.forum.edition;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class EditionResourceTest {
    private static final String EDITION_2025 = """
            {"year": 2025, "title": "WSIS+20 Forum High-Level Event 2025", "startsOn": "2025-07-07",
             "endsOn": "2025-07-11", "venue": "Geneva, Switzerland", "hybrid": true}""";

    @Inject
    EntityManager entityManager;

    @Test
    @TestSecurity(user = "org-1", roles = "forum-organizer")
    void organizerCreatesAnEditionOnceAndEveryoneReadsIt() {
        given().contentType(ContentType.JSON).body(EDITION_2025).post("/api/v1/editions")
                .then().statusCode(201).body("year", equalTo(2025)).body("hybrid", equalTo(true));
        given().contentType(ContentType.JSON).body(EDITION_2025).post("/api/v1/editions")
                .then().statusCode(409).contentType("application/problem+json");
        given().get("/api/v1/editions/2025").then().statusCode(200).body("venue", equalTo("Geneva, Switzerland"));
        given().get("/api/v1/editions").then().statusCode(200).body("items.year", hasItem(2025));
    }

    @Test
    @TestSecurity(user = "org-1", roles = "forum-organizer")
    void inconsistentDatesAre422AndChangeNothing() {
        long before = editions();
        given().contentType(ContentType.JSON)
                .body(EDITION_2025.replace("\"year\": 2025", "\"year\": 2026").replace("2025-07-11", "2025-07-01"))
                .post("/api/v1/editions")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("endsOn"));
        given().contentType(ContentType.JSON).body("{\"year\": \"soon\"}").post("/api/v1/editions")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("year"));
        assertEquals(before, editions());
    }

    @Test
    @TestSecurity(user = "p-1", roles = "forum-participant")
    void participantsCannotCreateEditions() {
        given().contentType(ContentType.JSON).body(EDITION_2025.replace("2025", "2030")).post("/api/v1/editions")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void unknownEditionIs404() {
        given().get("/api/v1/editions/2099").then().statusCode(404).contentType("application/problem+json");
    }

    private long editions() {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM forum_edition").getSingleResult()).longValue();
    }
}
