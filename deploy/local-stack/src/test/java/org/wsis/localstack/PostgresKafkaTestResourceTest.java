package org.wsis.localstack;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("integration")
class PostgresKafkaTestResourceTest {

    @Test
    void startsRealPostgresAndKafkaAndStopsThem() {
        PostgresKafkaTestResource resource = new PostgresKafkaTestResource();
        resource.init(Map.of("database", "smoke"));
        Map<String, String> config = resource.start();
        String jdbcUrl = config.get("quarkus.datasource.jdbc.url");
        int pgPort = Integer.parseInt(jdbcUrl.replaceAll(".*:(\\d+)/smoke$", "$1"));
        int kafkaPort = Integer.parseInt(config.get("kafka.bootstrap.servers").split(":")[1]);
        try {
            assertTrue(jdbcUrl.startsWith("jdbc:postgresql://127.0.0.1:"), jdbcUrl);
            assertTrue(Ports.isListening(pgPort), "PostgreSQL listens");
            assertTrue(Ports.isListening(kafkaPort), "Kafka listens");
        } finally {
            resource.stop();
        }
        assertFalse(Ports.isListening(pgPort), "PostgreSQL stopped");
        assertFalse(Ports.isListening(kafkaPort), "Kafka stopped");
    }

    @Test
    void takenPortFailsWithAClearMessage() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(Ports.LOOPBACK))) {
            StackException e = assertThrows(StackException.class, () -> Ports.requireFree(socket.getLocalPort(), "gateway"));
            assertTrue(e.getMessage().contains("Port " + socket.getLocalPort()) && e.getMessage().contains("gateway"), e.getMessage());
        }
    }

    @Test
    void databasesAreCreatedOnceAndQueryable() {
        var logDir = java.nio.file.Path.of("target", "local-stack-logs").toAbsolutePath();
        var workDir = java.nio.file.Path.of("target", "pg-only-" + ProcessHandle.current().pid()).toAbsolutePath();
        PostgresServer postgres = new PostgresServer(workDir, logDir, Ports.freePort(), false, "test-" + java.util.UUID.randomUUID()).start();
        try {
            postgres.createDatabase("twice");
            postgres.createDatabase("twice");
            assertEquals("1", postgres.psql("twice", "SELECT count(*) FROM pg_database WHERE datname = 'twice'").trim());
        } finally {
            postgres.stop();
        }
    }

    /**
     * Issue 17: the local PostgreSQL trusted every loopback connection (initdb --auth=trust). Now a
     * connection without a password or with a wrong one is refused (SCRAM), for the superuser and a
     * service role alike; and a data directory an earlier version made with trust asks for passwords
     * from its next start on.
     */
    @Test
    void everyConnectionNeedsItsPasswordAlsoInADataDirectoryThatTrustedEveryone() {
        var logDir = java.nio.file.Path.of("target", "local-stack-logs").toAbsolutePath();
        var workDir = java.nio.file.Path.of("target", "pg-auth-" + ProcessHandle.current().pid()).toAbsolutePath();
        String password = "superuser-" + java.util.UUID.randomUUID();
        int port = Ports.freePort();
        PostgresServer postgres = new PostgresServer(workDir, logDir, port, false, password).start();
        try {
            postgres.createServiceDatabase("shop", "shop", "shop-" + password);
            assertRefusedWithoutTheirPassword(postgres, "shop", "shop-" + password);
            postgres.stop();
            postgres.writeHba("host all all 127.0.0.1/32 trust\n"); // as initdb --auth=trust left it
            postgres = new PostgresServer(workDir, logDir, port, false, password).start();
            assertRefusedWithoutTheirPassword(postgres, "shop", "shop-" + password);
        } finally {
            postgres.stop();
            Directories.deleteQuietly(postgres.dataDir());
        }
    }

    private static void assertRefusedWithoutTheirPassword(PostgresServer postgres, String role, String rolePassword) {
        for (String user : java.util.List.of(PostgresServer.USER, role)) {
            StackException missing = assertThrows(StackException.class, () -> postgres.psqlAs(user, null, "postgres", "SELECT 1"));
            assertTrue(missing.getMessage().contains("no password supplied"), missing.getMessage());
            StackException wrong = assertThrows(StackException.class, () -> postgres.psqlAs(user, "wrong", "postgres", "SELECT 1"));
            assertTrue(wrong.getMessage().contains("password authentication failed"), wrong.getMessage());
        }
        assertEquals("1", postgres.psql("postgres", "SELECT 1").trim(), "the superuser's password opens");
        assertEquals("1", postgres.psqlAs(role, rolePassword, role, "SELECT 1").trim(), "the role's password opens its database");
    }
}
