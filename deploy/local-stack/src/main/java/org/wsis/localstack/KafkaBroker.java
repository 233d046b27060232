package org.wsis.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** A single-node Apache Kafka broker in KRaft mode (broker and controller in one JVM). */
public class KafkaBroker {
    private final Path kafkaLibs;
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final ManagedProcess process;

    public KafkaBroker(Installation installation, Path workDir, Path logDir, int port, int controllerPort) {
        this.kafkaLibs = installation.requireKafkaLibs();
        this.dir = workDir.resolve("kafka");
        this.port = port;
        this.controllerPort = controllerPort;
        this.process = new ManagedProcess("Kafka", logDir.resolve("kafka.log"));
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    public ManagedProcess process() {
        return process;
    }

    public KafkaBroker start() {
        Path config = writeConfig();
        if (!Files.exists(dir.resolve("data/meta.properties"))) {
            ManagedProcess.runToCompletion("Kafka storage format", java("kafka.tools.StorageTool",
                    "format", "-t", newClusterId(), "-c", config.toString()), Duration.ofSeconds(60));
        }
        process.start(java("kafka.Kafka", config.toString()));
        process.awaitReady(() -> process.logContains("Kafka Server started") && Ports.isListening(port),
                Duration.ofSeconds(90));
        return this;
    }

    public void stop() {
        // SIGTERM makes the broker shut down cleanly; it takes a few seconds
        process.stop(Duration.ofSeconds(30));
    }

    private ProcessBuilder java(String mainClass, String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new java.util.ArrayList<>(java.util.List.of(javaBin, "-Xms128m", "-Xmx512m",
                "-XX:+UseG1GC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp", kafkaLibs.resolve("*").toString(), mainClass));
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command);
    }

    private Path writeConfig() {
        String properties = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%3$d
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%4$s
                num.partitions=3
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(Ports.LOOPBACK, port, controllerPort, dir.resolve("data"));
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("server.properties");
            Files.writeString(config, properties);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kafka cluster ids are 16 random bytes, base64url without padding. */
    /**
     * A random base64url cluster id. One starting with '-' is drawn again: the storage tool would
     * read it as an option and refuse to format (Kafka's own Uuid.randomUuid avoids it the same way).
     */
    private static String newClusterId() {
        String id;
        do {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
        } while (id.startsWith("-"));
        return id;
    }
}
