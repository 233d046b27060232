package org.wsis.commons.schema;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.wsis.localstack.Directories;
import org.wsis.localstack.LocalSecrets;
import org.wsis.localstack.Ports;
import org.wsis.localstack.PostgresServer;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared tables' own migration history against a real PostgreSQL: a database migrated the old way (the shared
 * V0_1/V0_2 in the service's history, with data in it) migrates without loss and keeps migrating; a new database
 * gets both histories; the list of shared migrations matches the folder.
 */
@Tag("integration")
class PlatformSchemaTest {
    private static final String TODAY = "classpath:platform-schema-test/service-today";
    private static final String NEXT = "classpath:platform-schema-test/service-next";

    private static Path workDir;
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        workDir = Path.of("target", "platform-schema-" + ProcessHandle.current().pid()).toAbsolutePath();
        postgres = new PostgresServer(workDir, workDir.resolve("logs"), Ports.freePort(), false,
                new LocalSecrets(workDir).get("postgres.superuser.password"));
        postgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.stop();
            Directories.deleteQuietly(postgres.dataDir());
        }
        Directories.deleteQuietly(workDir);
    }

    @Test
    void everySharedMigrationIsListed() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", PlatformSchema.LOCATION))) {
            assertEquals(files.map(file -> file.getFileName().toString()).sorted().toList(), PlatformSchema.MIGRATIONS);
        }
    }

    @Test
    void aDatabaseMigratedTheOldWayMovesItsSharedHistoryAndLosesNothing() {
        DataSource db = newDatabase();
        // today's state: one history for the shared and the service's migrations, and data in both kinds of table
        // (the shared migrations of that time, V0_1 and V0_2, then the service's own)
        Flyway.configure().dataSource(db).locations("classpath:" + PlatformSchema.LOCATION).target("0.2").load().migrate();
        Flyway.configure().dataSource(db).locations(TODAY).ignoreMigrationPatterns("*:missing").load().migrate();
        sql(db, "INSERT INTO entry VALUES (1, 'Rural broadband')");
        sql(db, """
                INSERT INTO outbox_event (id, topic, message_key, event_type, payload)
                VALUES ('%s', 'stocktaking.entries', '1', 'org.wsis.test.v1', '{}')""".formatted(UUID.randomUUID()));
        List<String> checksumsBefore = rows(db, "SELECT version || ':' || checksum FROM flyway_schema_history"
                + " WHERE version LIKE '0.%' ORDER BY installed_rank");

        int sharedApplied = PlatformSchema.migrate(db).migrationsExecuted;
        int applied = serviceFlyway(db, TODAY, NEXT).migrate().migrationsExecuted;

        assertEquals(PlatformSchema.MIGRATIONS.size() - 2, sharedApplied, "the shared migrations added since V0_2 run, once");
        assertEquals(1, applied, "only the service's new V2 runs");
        assertEquals(checksumsBefore, rows(db, "SELECT version || ':' || checksum FROM platform_schema_history"
                + " WHERE version IN ('0.1', '0.2') ORDER BY installed_rank"));
        assertEquals(List.of("0"), rows(db, "SELECT count(*) FROM audit_entry"));
        assertEquals(List.of("1", "2"), rows(db, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"));
        assertEquals(List.of("1|Rural broadband|DRAFT"), rows(db, "SELECT id || '|' || title || '|' || status FROM entry"));
        assertEquals(List.of("1"), rows(db, "SELECT count(*) FROM outbox_event"));
        // and again, as at every later start: nothing to move, nothing to run
        assertEquals(0, PlatformSchema.migrate(db).migrationsExecuted);
        assertEquals(0, serviceFlyway(db, TODAY, NEXT).migrate().migrationsExecuted);
    }

    @Test
    void aNewDatabaseGetsBothHistories() {
        DataSource db = newDatabase();

        assertEquals(PlatformSchema.MIGRATIONS.size(), PlatformSchema.migrate(db).migrationsExecuted);
        assertEquals(2, serviceFlyway(db, TODAY, NEXT).migrate().migrationsExecuted);

        assertEquals(List.of("0.1", "0.2", "0.3", "0.4", "0.5"), rows(db, "SELECT version FROM platform_schema_history ORDER BY installed_rank"));
        // the service's history starts at version 0 (the schema already holds the shared tables), below its V1
        assertEquals(List.of("0", "1", "2"), rows(db, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"));
        assertEquals(List.of("0"), rows(db, "SELECT count(*) FROM idempotency_key"));
    }

    /** Issue 20: the audit log is append-only in the database itself, whoever connects (here the superuser). */
    @Test
    void theAuditLogRefusesUpdateDeleteAndTruncate() {
        DataSource db = newDatabase();
        PlatformSchema.migrate(db);
        sql(db, """
                INSERT INTO audit_entry (id, occurred_at, actor_subject, actor_roles, action, target_type, target_id,
                                         before_state, after_state, reason)
                VALUES ('%s', now(), 'moderator-1', '{stocktaking-moderator}', 'entry.archived', 'entry', 'e-1',
                        '{"status": "PUBLISHED"}', '{"status": "ARCHIVED"}', 'duplicate')""".formatted(UUID.randomUUID()));

        for (String change : List.of("UPDATE audit_entry SET reason = 'rewritten'", "DELETE FROM audit_entry",
                "TRUNCATE audit_entry")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sql(db, change), change);
            assertTrue(refused.getCause().getMessage().contains("audit_entry is append-only"), refused.getCause().getMessage());
        }
        assertEquals(List.of("1|duplicate"), rows(db, "SELECT count(*) || '|' || min(reason) FROM audit_entry"));
        // a snapshot is an object or nothing; an action is <target>.<verb>
        assertThrows(IllegalStateException.class, () -> sql(db, """
                INSERT INTO audit_entry (id, occurred_at, actor_subject, actor_roles, action, target_type, target_id, after_state)
                VALUES ('%s', now(), 'm', '{}', 'entry.archived', 'entry', 'e-2', '[1]')""".formatted(UUID.randomUUID())));
        assertThrows(IllegalStateException.class, () -> sql(db, """
                INSERT INTO audit_entry (id, occurred_at, actor_subject, actor_roles, action, target_type, target_id)
                VALUES ('%s', now(), 'm', '{}', 'archived', 'entry', 'e-2')""".formatted(UUID.randomUUID())));
    }

    /** The service's Flyway as Quarkus configures it from service-commons' defaults. */
    private static Flyway serviceFlyway(DataSource db, String... locations) {
        return Flyway.configure().dataSource(db).locations(locations)
                .baselineOnMigrate(true).baselineVersion("0").load();
    }

    private static DataSource newDatabase() {
        String name = "platform_schema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        postgres.createDatabase(name);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl(name));
        dataSource.setUser(PostgresServer.USER);
        dataSource.setPassword(postgres.superuserPassword());
        return dataSource;
    }

    private static void sql(DataSource db, String sql) {
        try (var connection = db.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> rows(DataSource db, String sql) {
        try (var connection = db.getConnection(); var statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            List<String> rows = new java.util.ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
