package org.wsis.localstack;

import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        PostgresServer postgres = new PostgresServer(workDir, logDir, Ports.freePort(), false).start();
        try {
            postgres.createDatabase("twice");
            postgres.createDatabase("twice");
            assertEquals("1", postgres.psql("twice", "SELECT count(*) FROM pg_database WHERE datname = 'twice'").trim());
        } finally {
            postgres.stop();
        }
    }
}
