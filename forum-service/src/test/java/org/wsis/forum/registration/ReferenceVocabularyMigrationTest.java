package org.wsis.forum.registration;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * V5 on a real PostgreSQL: registrations stored at V4 with the region's English name ("Africa") read as the
 * platform's code (AFR) after it; nothing else changes. In a database of its own, created for the test.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class ReferenceVocabularyMigrationTest {
    @Test
    void regionsStoredAsNamesAreReadAsCodesAfterV5() throws SQLException {
        try (ScratchDatabase database = ScratchDatabase.forService()) {
            database.migrateTo("4");
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO forum_edition (year, title, starts_on, ends_on, venue, hybrid, created_by)"
                        + " VALUES (2030, 'WSIS Forum 2030', '2030-05-01', '2030-05-03', 'Geneva', true, 'org')");
                s.execute("INSERT INTO registration (id, edition_year, subject_id, attendance, full_name, stakeholder_type,"
                        + " country, region, status) VALUES"
                        + " ('00000000-0000-0000-0000-000000000001', 2030, 'a', 'REMOTE', 'A', 'GOVERNMENT', 'KEN', 'Africa', 'CONFIRMED'),"
                        + " ('00000000-0000-0000-0000-000000000002', 2030, 'b', 'REMOTE', 'B', 'ACADEMIA', 'UKR', 'Europe', 'CONFIRMED'),"
                        + " ('00000000-0000-0000-0000-000000000003', 2030, 'c', 'REMOTE', 'C', 'ACADEMIA', 'JPN', 'Asia-Pacific', 'CANCELLED'),"
                        + " ('00000000-0000-0000-0000-000000000004', 2030, 'd', 'REMOTE', 'D', 'ACADEMIA', 'HKG', NULL, 'CONFIRMED')");
            }

            database.migrateTo("latest");

            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                ResultSet rows = s.executeQuery("SELECT country, region, stakeholder_type, status FROM registration ORDER BY id");
                assertTrue(rows.next());
                // issue 20 (V6_1): the confirmed were admitted already: APPROVED, decided at their registration
                assertEquals("KEN AFR GOVERNMENT APPROVED", rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " " + rows.getString(4));
                assertTrue(rows.next());
                assertEquals("UKR EUR", rows.getString(1) + " " + rows.getString(2));
                assertTrue(rows.next());
                assertEquals("JPN ASP CANCELLED", rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(4));
                assertTrue(rows.next());
                assertNull(rows.getString(2)); // a territory: no ITU region, before and after
                assertFalse(rows.next());
                // the per-service copy of the country -> region table is gone: service-commons has the one table
                ResultSet table = s.executeQuery("SELECT to_regclass('country_region') IS NULL");
                assertTrue(table.next() && table.getBoolean(1));
            }
        }
    }


}
