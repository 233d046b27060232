package org.wsis.localstack.testing;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * A database of its own for a migration test, beside the service's test database on the same server: migrate it to
 * an old version, store rows the old way, migrate to the latest, read them back. The service's own database is
 * already at the latest version, so it cannot show a migration. Dropped on close.
 */
public final class ScratchDatabase implements AutoCloseable {
    private final String serviceUrl;
    private final String url;
    private final String name;
    private final String user;
    private final String password;
    private final List<String> locations;

    private ScratchDatabase(String serviceUrl, String url, String name, String user, String password, List<String> locations) {
        this.serviceUrl = serviceUrl;
        this.url = url;
        this.name = name;
        this.user = user;
        this.password = password;
        this.locations = locations;
    }

    /** Beside the database of the service under test, with its migrations (from its Quarkus configuration). */
    public static ScratchDatabase forService() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return create(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class),
                List.of(config.getValue("quarkus.flyway.locations", String[].class)));
    }

    /**
     * @param serviceUrl the service's JDBC URL ({@code quarkus.datasource.jdbc.url}), ending in its database's name
     * @param locations  the service's {@code quarkus.flyway.locations}
     */
    public static ScratchDatabase create(String serviceUrl, String user, String password, List<String> locations)
            throws SQLException {
        String service = serviceUrl.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        String name = service + "_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = serviceUrl.replaceFirst("/" + service + "(?=\\?|$)", "/" + name);
        execute(serviceUrl, user, password, "CREATE DATABASE " + name);
        return new ScratchDatabase(serviceUrl, url, name, user, password, locations);
    }

    /** Runs the service's migrations up to {@code target} (a version, or "latest"). */
    public void migrateTo(String target) {
        Flyway.configure().dataSource(url, user, password)
                .locations(locations.stream().map(l -> l.contains(":") ? l : "classpath:" + l).toArray(String[]::new))
                .target(target).load().migrate();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() throws SQLException {
        execute(serviceUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String jdbcUrl, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
