package org.wsis.localstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.wsis.localstack.Directories;
import org.wsis.localstack.Installation;
import org.wsis.localstack.KafkaBroker;
import org.wsis.localstack.Ports;
import org.wsis.localstack.PostgresServer;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A real PostgreSQL and a real Kafka broker for a service's {@code @QuarkusTest}s, on random free
 * ports, with data under target/ that is deleted afterwards (logs are kept in target/local-stack-logs).
 *
 * <pre>
 * &#64;QuarkusTestResource(value = PostgresKafkaTestResource.class,
 *         initArgs = &#64;ResourceArg(name = "database", value = "stocktaking"))
 * </pre>
 */
public class PostgresKafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private String database;
    private Path workDir;
    private PostgresServer postgres;
    private KafkaBroker kafka;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", "app");
    }

    @Override
    public Map<String, String> start() {
        workDir = Path.of("target", "local-stack-" + ProcessHandle.current().pid()).toAbsolutePath();
        Path logDir = Path.of("target", "local-stack-logs").toAbsolutePath();
        postgres = new PostgresServer(workDir, logDir, Ports.freePort(), false,
                new org.wsis.localstack.LocalSecrets(workDir).get("postgres.superuser.password"));
        kafka = new KafkaBroker(Installation.fromBuild(), workDir, logDir, Ports.freePort(), Ports.freePort());
        CompletableFuture<Void> pg = CompletableFuture.runAsync(() -> {
            postgres.start();
            postgres.createDatabase(database);
        });
        CompletableFuture<Void> broker = CompletableFuture.runAsync(kafka::start);
        try {
            CompletableFuture.allOf(pg, broker).join();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", postgres.superuserPassword(),
                "kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
            Directories.deleteQuietly(postgres.dataDir()); // may lie outside workDir, see PostgresServer
        }
        Directories.deleteQuietly(workDir);
    }

}
