package org.wsis.commons.schema;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The tables every service shares (outbox, inbox, idempotency keys, the audit log: {@code db/platform-events} in service-commons)
 * migrate with their own Flyway history, {@code platform_schema_history}, before the service's own migrations
 * (issue 19). Mixed into each service's version sequence, as they were until then ({@code V0_1}, {@code V0_2}), a
 * shared {@code V0_3} would be refused by every database already at the service's {@code V5}.
 *
 * <p>A database migrated the old way has the two shared migrations in the service's {@code flyway_schema_history}:
 * they are moved, rows as they are (checksums, dates), to the platform history in one transaction, so nothing is
 * run twice and nothing is lost.
 *
 * <p>Why a {@link FlywayConfigurationCustomizer}: Quarkus creates the service's Flyway right before it migrates it
 * at start, and this is the one hook that runs before that Flyway reads its history.
 */
@ApplicationScoped
public class PlatformSchema implements FlywayConfigurationCustomizer {
    static final String HISTORY = "platform_schema_history";
    static final String LOCATION = "db/platform-events";
    /**
     * Every migration of {@code db/platform-events}, in order. Listed, not scanned: Quarkus indexes migrations at
     * build time for its own Flyway only. {@code PlatformSchemaTest} fails when this list and the folder differ.
     */
    static final List<String> MIGRATIONS = List.of(
            "V0_1__event_outbox_and_inbox.sql",
            "V0_2__idempotency_keys.sql",
            "V0_3__audit_log.sql",
            "V0_4__privacy.sql",
            "V0_5__consent_withdrawal.sql");

    private static final Logger LOG = Logger.getLogger(PlatformSchema.class);

    private final boolean migrateAtStart;

    PlatformSchema(@ConfigProperty(name = "quarkus.flyway.migrate-at-start", defaultValue = "false") boolean migrateAtStart) {
        this.migrateAtStart = migrateAtStart;
    }

    @Override
    public void customize(FluentConfiguration serviceFlyway) {
        if (migrateAtStart) {
            migrate(serviceFlyway.getDataSource());
        }
    }

    /** Moves the shared migrations' history out of the service's history (once), then migrates the shared tables. */
    public static MigrateResult migrate(DataSource dataSource) {
        moveHistoryFromServiceHistory(dataSource);
        return Flyway.configure(PlatformSchema.class.getClassLoader())
                .dataSource(dataSource)
                .table(HISTORY)
                .locations(LOCATION)
                .resourceProvider(new Migrations())
                .load()
                .migrate();
    }

    static void moveHistoryFromServiceHistory(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // two instances of a service starting together: one moves, the other then finds it done
                statement.execute("SELECT pg_advisory_xact_lock(hashtext('" + HISTORY + "'))");
                if (exists(statement, "flyway_schema_history") && !exists(statement, HISTORY)) {
                    Array scripts = connection.createArrayOf("text", MIGRATIONS.toArray());
                    int moved;
                    statement.execute("CREATE TABLE " + HISTORY + " (LIKE flyway_schema_history INCLUDING ALL)");
                    try (PreparedStatement copy = connection.prepareStatement("""
                            INSERT INTO %s (installed_rank, version, description, type, script, checksum,
                                            installed_by, installed_on, execution_time, success)
                            SELECT row_number() OVER (ORDER BY installed_rank), version, description, type, script,
                                   checksum, installed_by, installed_on, execution_time, success
                            FROM flyway_schema_history WHERE script = ANY (?)""".formatted(HISTORY));
                         PreparedStatement delete = connection.prepareStatement(
                                 "DELETE FROM flyway_schema_history WHERE script = ANY (?)")) {
                        copy.setArray(1, scripts);
                        moved = copy.executeUpdate();
                        delete.setArray(1, scripts);
                        delete.executeUpdate();
                    }
                    if (moved == 0) {
                        // a service history without the shared migrations: nothing to move, Flyway creates its own
                        statement.execute("DROP TABLE " + HISTORY);
                    } else {
                        LOG.infof("moved %d shared migration(s) from flyway_schema_history to %s", moved, HISTORY);
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot move the shared migrations' history to " + HISTORY, e);
        }
    }

    private static boolean exists(Statement statement, String table) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            return result.next() && result.getBoolean(1);
        }
    }

    /** The listed migrations, read from the class path. */
    static final class Migrations implements ResourceProvider {
        @Override
        public LoadableResource getResource(String name) {
            return MIGRATIONS.contains(name) ? new Migration(name) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String... suffixes) {
            return MIGRATIONS.stream()
                    .filter(name -> name.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(name::endsWith))
                    .<LoadableResource>map(Migration::new)
                    .toList();
        }
    }

    private static final class Migration extends LoadableResource {
        private final String name;

        Migration(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            InputStream in = PlatformSchema.class.getClassLoader().getResourceAsStream(getAbsolutePath());
            if (in == null) {
                throw new IllegalStateException("missing shared migration " + getAbsolutePath());
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return LOCATION + "/" + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
