package org.wsis.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one JVM).
 * <p>
 * Secured (the platform stack): clients sign in with SASL/SCRAM-SHA-512, and the StandardAuthorizer
 * allows only what ACLs grant ({@link #authorize}): each service writes its own topics and reads what
 * it consumes. SCRAM users live in the metadata log; the {@value #ADMIN} super user is put there when
 * the storage is formatted ({@code --add-scram}, KIP-900), the services' users afterwards through the
 * admin API. The controller listener (broker to controller, same JVM) uses SASL/PLAIN with the admin
 * password from its JAAS line: KRaft controllers cannot use SCRAM. Topics are created up front,
 * never automatically. Unsecured (a service's module tests, PostgresKafkaTestResource): plain
 * listeners, no ACLs, topics created on first use, as before.
 */
public class KafkaBroker {
    public static final String ADMIN = "admin";
    public static final String MECHANISM = "SCRAM-SHA-512";
    private final Path kafkaLibs;
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final LocalSecrets secrets;
    private final ManagedProcess process;

    /** An unsecured broker (module tests). */
    public KafkaBroker(Installation installation, Path workDir, Path logDir, int port, int controllerPort) {
        this(installation, workDir, logDir, port, controllerPort, null);
    }

    /** @param secrets where the users' passwords come from; null for an unsecured broker */
    public KafkaBroker(Installation installation, Path workDir, Path logDir, int port, int controllerPort, LocalSecrets secrets) {
        this.kafkaLibs = installation.requireKafkaLibs();
        this.dir = workDir.resolve("kafka");
        this.port = port;
        this.controllerPort = controllerPort;
        this.secrets = secrets;
        this.process = new ManagedProcess("Kafka", logDir.resolve("kafka.log"));
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    public boolean secured() {
        return secrets != null;
    }

    public ManagedProcess process() {
        return process;
    }

    /**
     * What a Kafka client needs to connect as {@code user} (bootstrap servers included); with an
     * unsecured broker, only the bootstrap servers. Quarkus applications take the same keys with a
     * {@code kafka.} prefix.
     */
    public Map<String, String> clientConfig(String user) {
        Map<String, String> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        if (secured()) {
            config.put("security.protocol", "SASL_PLAINTEXT");
            config.put("sasl.mechanism", MECHANISM);
            config.put("sasl.jaas.config", scramJaas(user, password(user)));
        }
        return config;
    }

    public KafkaBroker start() {
        Path config = writeConfig();
        if (secured() && Files.exists(dir.resolve("data/meta.properties")) && !Files.exists(dir.resolve("secured"))) {
            // data of an unsecured broker from before: no admin user in it. Events are in the outbox
            // tables and consumers are idempotent, so the local log can go.
            System.err.println("[local-stack] Kafka data from an unsecured broker found; formatting it afresh with users");
            Directories.deleteQuietly(dir.resolve("data"));
        }
        if (!Files.exists(dir.resolve("data/meta.properties"))) {
            List<String> format = new ArrayList<>(List.of("format", "-t", newClusterId(), "-c", config.toString()));
            if (secured()) {
                format.addAll(List.of("--add-scram", MECHANISM + "=[name=" + ADMIN + ",password=" + password(ADMIN) + "]"));
            }
            ManagedProcess.runToCompletion("Kafka storage format", java("kafka.tools.StorageTool",
                    format.toArray(String[]::new)), Duration.ofSeconds(60));
            if (secured()) {
                touch(dir.resolve("secured"));
            }
        }
        process.start(java("kafka.Kafka", config.toString()));
        process.awaitReady(() -> process.logContains("Kafka Server started") && Ports.isListening(port),
                Duration.ofSeconds(90));
        return this;
    }

    /**
     * Creates the topics (if missing), and a SCRAM user for each service with what it may do: write
     * every topic starting with {@code writePrefix} (its events and its dead-letter topic), read
     * {@code reads} as consumer group {@code group}. Idempotent: run at every start of the stack.
     */
    public void authorize(Collection<String> topics, Collection<Grant> grants) {
        if (!secured()) {
            return;
        }
        Map<String, Object> adminConfig = new HashMap<>(clientConfig(ADMIN));
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(adminConfig)) {
            List<NewTopic> newTopics = topics.stream().map(t -> new NewTopic(t, t.endsWith(".dead-letter") ? 1 : 3, (short) 1)).toList();
            admin.createTopics(newTopics).values().forEach((topic, created) -> {
                try {
                    created.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new StackException("Could not create Kafka topic " + topic, e.getCause());
                    }
                } catch (InterruptedException | TimeoutException e) {
                    throw new StackException("Could not create Kafka topic " + topic, e);
                }
            });
            List<UserScramCredentialUpsertion> users = grants.stream().map(g -> new UserScramCredentialUpsertion(g.user(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password(g.user()))).toList();
            List<AclBinding> acls = new ArrayList<>();
            for (Grant grant : grants) {
                String principal = "User:" + grant.user();
                acls.add(allow(ResourceType.TOPIC, grant.writePrefix(), PatternType.PREFIXED, principal, AclOperation.WRITE));
                acls.add(allow(ResourceType.TOPIC, grant.writePrefix(), PatternType.PREFIXED, principal, AclOperation.DESCRIBE));
                for (String topic : grant.reads()) {
                    acls.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, principal, AclOperation.READ));
                    acls.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, principal, AclOperation.DESCRIBE));
                }
                if (!grant.reads().isEmpty()) {
                    acls.add(allow(ResourceType.GROUP, grant.group(), PatternType.LITERAL, principal, AclOperation.READ));
                }
            }
            admin.alterUserScramCredentials(new ArrayList<>(users)).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException("Could not set up Kafka users and ACLs: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while setting up Kafka users and ACLs", e);
        }
    }

    /** What one service may do on the bus. */
    public record Grant(String user, String writePrefix, List<String> reads, String group) {
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String principal, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    public void stop() {
        // SIGTERM makes the broker shut down cleanly; it takes a few seconds
        process.stop(Duration.ofSeconds(30));
    }

    private String password(String user) {
        return secrets.get("kafka." + user + ".password");
    }

    private static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
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
        String common = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%3$d
                controller.listener.names=CONTROLLER
                log.dirs=%4$s
                num.partitions=3
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(Ports.LOOPBACK, port, controllerPort, dir.resolve("data"));
        String listeners = secured() ? """
                listeners=BROKER://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=BROKER://%1$s:%2$d
                inter.broker.listener.name=BROKER
                listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT
                auto.create.topics.enable=false
                sasl.enabled.mechanisms=%4$s
                sasl.mechanism.inter.broker.protocol=%4$s
                listener.name.broker.sasl.enabled.mechanisms=%4$s
                listener.name.broker.scram-sha-512.sasl.jaas.config=%5$s
                sasl.mechanism.controller.protocol=PLAIN
                listener.name.controller.sasl.enabled.mechanisms=PLAIN
                listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="%6$s" password="%7$s" user_%6$s="%7$s";
                authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                allow.everyone.if.no.acl.found=false
                super.users=User:%6$s
                """.formatted(Ports.LOOPBACK, port, controllerPort, MECHANISM, scramJaas(ADMIN, password(ADMIN)),
                ADMIN, password(ADMIN)) : """
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                auto.create.topics.enable=true
                """.formatted(Ports.LOOPBACK, port, controllerPort);
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("server.properties");
            Files.writeString(config, common + listeners);
            if (secured()) {
                try {
                    Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows
                }
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "SCRAM users and ACLs\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
