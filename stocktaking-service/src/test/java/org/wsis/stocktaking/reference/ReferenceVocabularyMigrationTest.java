package org.wsis.stocktaking.reference;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.localstack.testing.ScratchDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * V9 on a real PostgreSQL: a database at V8 with an entry stored the old way (alpha-2 countries, Ukraine in
 * CIS, a revision snapshot) is migrated to the one vocabulary without losing anything. Runs in a database of its
 * own, created for the test, so the service's database (already at the latest version) is untouched.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "stocktaking"))
class ReferenceVocabularyMigrationTest {
    @Test
    void anEntryStoredWithAlpha2CodesIsReadWithAlpha3AfterV9() throws SQLException {
        try (ScratchDatabase database = ScratchDatabase.forService()) {
            database.migrateTo("8");
            UUID id = UUID.randomUUID();
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO entry (id, owner_id, title, description, organisation, action_lines, status, created_at,"
                        + " updated_at, published_at, stocktaking_year, countries, regions, stakeholder_type) VALUES ('" + id
                        + "', 'ama', 'Old entry', 'Stored before V9', 'Org', '{C2}', 'PUBLISHED', now(), now(), now(), 2024,"
                        + " '{KE,UA,BT}', '{AFR,CIS,ASP}', 'ACADEMIA')");
                s.execute("INSERT INTO entry_revision (entry_id, revision, action, status, snapshot, actor_id, created_at)"
                        + " VALUES ('" + id + "', 1, 'PUBLISHED', 'PUBLISHED', '{\"title\": \"Old entry\", \"countries\": [\"KE\", \"UA\", \"BT\"]}',"
                        + " 'mo', now())");
            }

            database.migrateTo("latest");

            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                ResultSet entry = s.executeQuery("SELECT countries, regions, stakeholder_type, filter_vector::text, facet_tags::text"
                        + " FROM entry WHERE id = '" + id + "'");
                assertTrue(entry.next());
                assertEquals(List.of("KEN", "UKR", "BTN"), Arrays.asList((String[]) entry.getArray(1).getArray()));
                // Ukraine is in ITU's Europe region now; the CIS it had may have been chosen: kept, nothing lost
                assertEquals(List.of("AFR", "CIS", "ASP", "EUR"), Arrays.asList((String[]) entry.getArray(2).getArray()));
                assertEquals("ACADEMIA", entry.getString(3));
                assertTrue(entry.getString(4).contains("'co_KEN'") && !entry.getString(4).contains("'co_KE'"), entry.getString(4));
                assertTrue(entry.getString(5).contains("country:UKR"), entry.getString(5));

                ResultSet revision = s.executeQuery("SELECT snapshot -> 'countries', snapshot ->> 'title' FROM entry_revision"
                        + " WHERE entry_id = '" + id + "'");
                assertTrue(revision.next());
                assertEquals("[\"KEN\", \"UKR\", \"BTN\"]", revision.getString(1));
                assertEquals("Old entry", revision.getString(2));

                ResultSet vocabulary = s.executeQuery("SELECT (SELECT itu_region FROM country WHERE alpha2 = 'UA'),"
                        + " (SELECT count(*) FROM itu_region WHERE code = 'INT'), (SELECT count(*) FROM stakeholder_type WHERE code = 'OTHER')");
                assertTrue(vocabulary.next());
                assertEquals("EUR", vocabulary.getString(1));
                assertEquals(1, vocabulary.getInt(2));
                assertEquals(1, vocabulary.getInt(3));
            }
        }
    }

    /** The service's own database, migrated at start: search reads alpha-2, alpha-3 and M49 as one country. */
    @Test
    void searchReadsEveryFormOfACountryCode() {
        for (String code : List.of("KEN", "ke", "404")) {
            given().get("/api/v1/search?country=" + code).then().statusCode(200);
        }
        given().get("/api/v1/search?country=K3N").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/search?country=XYZ").then().statusCode(422).contentType("application/problem+json");
        given().get("/api/v1/reference/regions").then().statusCode(200).body("code", hasItem("INT"));
        given().get("/api/v1/reference/stakeholder-types").then().statusCode(200).body("code", hasItem("OTHER"));
        given().get("/api/v1/reference/countries").then().statusCode(200)
                .body("find { it.alpha3 == 'UKR' }.ituRegion", org.hamcrest.Matchers.equalTo("EUR"))
                .body("alpha3", not(hasItem("XYZ")));
    }


}
