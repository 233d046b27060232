package org.wsis.localstack;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole platform on one machine: PostgreSQL, Kafka, Keycloak, the services and the gateway.
 * The run command and the end-to-end tests both start it through here, so they run the same thing.
 */
public final class PlatformStack implements AutoCloseable {

    /**
     * What to start and where. {@code portOffset} null means: pick random free ports (tests).
     * {@code durablePostgres} false means a throwaway stack (tests): fsync off, and data left by an
     * earlier run in the same work directory discarded at start.
     * {@code extraConfig} is passed as system properties to every service and the gateway (e.g. a
     * benchmark's {@code quarkus.oidc.public-key}); it wins over what the stack sets itself.
     */
    public record Options(Path workDir, Integer portOffset, boolean durablePostgres, boolean keycloak,
                          Set<PlatformService> services, boolean gateway, Map<String, String> extraConfig) {
        public Options(Path workDir, Integer portOffset, boolean durablePostgres, boolean keycloak,
                       Set<PlatformService> services, boolean gateway) {
            this(workDir, portOffset, durablePostgres, keycloak, services, gateway, Map.of());
        }
    }

    public static final int GATEWAY_PORT = 8080;
    public static final int GATEWAY_MANAGEMENT_PORT = 9080;
    public static final int KEYCLOAK_PORT = 8180;
    public static final int POSTGRES_PORT = 15432;
    public static final int KAFKA_PORT = 19092;

    private final Installation installation = Installation.fromBuild();
    private final Options options;
    private final Path logDir;
    private final Deque<Runnable> stopActions = new ArrayDeque<>();
    private final List<ManagedProcess> processes = new ArrayList<>();
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;
    private final Map<PlatformService, QuarkusApp> services = new EnumMap<>(PlatformService.class);
    private final Map<PlatformService, String> databaseRoles = new java.util.concurrent.ConcurrentHashMap<>();
    private LocalSecrets secrets;
    private QuarkusApp gateway;

    private PlatformStack(Options options) {
        this.options = options;
        this.logDir = options.workDir().resolve("logs");
        // Stops what was started even when the JVM is told to exit halfway through starting it
        // (Ctrl-C during ./run-local's boot, a test run killed by a timeout).
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "platform-stack-stop"));
    }

    public static PlatformStack start(Options options) {
        PlatformStack stack = new PlatformStack(options);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void startAll() {
        int pgPort = port(POSTGRES_PORT, "PostgreSQL");
        int kafkaPort = port(KAFKA_PORT, "Kafka");
        int controllerPort = port(KAFKA_PORT + 1, "Kafka controller");
        int keycloakPort = port(KEYCLOAK_PORT, "Keycloak");
        Map<PlatformService, Integer> servicePorts = new EnumMap<>(PlatformService.class);
        options.services().forEach(s -> servicePorts.put(s, port(s.defaultPort(), s.module())));
        int gatewayPort = options.gateway() ? port(GATEWAY_PORT, "gateway") : -1;
        int gatewayManagementPort = options.gateway() ? port(GATEWAY_MANAGEMENT_PORT, "gateway management") : -1;

        secrets = new LocalSecrets(options.workDir());
        // The three infrastructure components are independent: boot them in parallel.
        postgres = new PostgresServer(options.workDir(), logDir, pgPort, options.durablePostgres(),
                secrets.get("postgres.superuser.password"));
        kafka = new KafkaBroker(installation, options.workDir(), logDir, kafkaPort, controllerPort, secrets);
        if (!options.durablePostgres()) {
            // a throwaway stack (tests): nothing of an earlier run (schemas, topics, offsets) may leak into this one
            Directories.deleteContents(postgres.dataDir());
            Directories.deleteQuietly(options.workDir().resolve("kafka"));
        }
        CompletableFuture<Void> pg = async(() -> {
            track(postgres.process(), postgres::stop);
            postgres.start();
            options.services().forEach(s -> databaseRoles.put(s, postgres.createServiceDatabase(s.database(), s.key(),
                    secrets.get("postgres." + s.key() + ".password"))));
        });
        CompletableFuture<Void> broker = async(() -> {
            track(kafka.process(), kafka::stop);
            kafka.start();
            // every service's topics exist (never made on first use), each service is a user of its own
            kafka.authorize(java.util.Arrays.stream(PlatformService.values()).flatMap(s -> s.ownTopics().stream()).toList(),
                    java.util.Arrays.stream(PlatformService.values()).map(s -> new KafkaBroker.Grant(s.kafkaUser(),
                            s.key() + ".", s.consumes(), s.module())).toList());
        });
        CompletableFuture<Void> idp = CompletableFuture.completedFuture(null);
        if (options.keycloak()) {
            keycloak = new KeycloakServer(installation, logDir, keycloakPort);
            idp = async(() -> {
                track(keycloak.process(), keycloak::stop);
                keycloak.start();
            });
        }
        CompletableFuture.allOf(pg, broker, idp).join();

        for (PlatformService service : options.services()) {
            QuarkusApp app = new QuarkusApp(installation, service.module(), logDir, servicePorts.get(service), serviceConfig(service));
            track(app.process(), app::stop);
            services.put(service, app.launch());
        }
        if (options.gateway()) {
            Map<String, String> routes = new HashMap<>();
            services.forEach((service, app) -> routes.put("wsis.gateway.upstream." + service.key() + ".url", app.url()));
            if (keycloak != null) {
                routes.put("quarkus.oidc.auth-server-url", keycloak.realmUrl()); // tokens are validated at the edge too
            }
            // health and metrics on their own port, never on the public one (see QuarkusApp.managementUrl)
            routes.put("quarkus.management.port", String.valueOf(gatewayManagementPort));
            routes.putAll(options.extraConfig());
            gateway = new QuarkusApp(installation, "gateway", logDir, gatewayPort, routes);
            track(gateway.process(), gateway::stop);
            gateway.launch();
        }
        services.values().forEach(QuarkusApp::awaitReady);
        if (gateway != null) {
            gateway.awaitReady();
        }
    }

    /**
     * Everything a service needs to find the infrastructure (its own database role and Kafka user
     * included); passed as system properties. Public for tests that start a service of their own.
     */
    public Map<String, String> serviceConfig(PlatformService service) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(service.database()));
        // its own database role and Kafka user, with this work directory's random passwords
        config.put("quarkus.datasource.username", databaseRoles.get(service));
        config.put("quarkus.datasource.password", secrets.get("postgres." + service.key() + ".password"));
        kafka.clientConfig(service.kafkaUser()).forEach((key, value) -> config.put("kafka." + key, value));
        if (service == PlatformService.FORUM) {
            config.put("forum.badge-secret", secrets.get("forum.badge-secret"));
        }
        if (keycloak != null) {
            config.put("quarkus.oidc.auth-server-url", keycloak.realmUrl());
        }
        config.putAll(options.extraConfig());
        return config;
    }

    private int port(int fixed, String whatFor) {
        return options.portOffset() == null ? Ports.freePort() : Ports.requireFree(fixed + options.portOffset(), whatFor);
    }

    private synchronized void track(ManagedProcess process, Runnable stop) {
        processes.add(process);
        stopActions.push(stop);
    }

    private static CompletableFuture<Void> async(Runnable task) {
        return CompletableFuture.runAsync(task);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** The PostgreSQL role a service signs in as (its own, unless its database predates roles). */
    public String databaseRole(PlatformService service) {
        return databaseRoles.get(service);
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public QuarkusApp service(PlatformService service) {
        return services.get(service);
    }

    public QuarkusApp gateway() {
        return gateway;
    }

    public Path logDir() {
        return logDir;
    }

    public List<ManagedProcess> processes() {
        return List.copyOf(processes);
    }

    /** Stops everything that was started, newest first. Safe to call twice. */
    @Override
    public synchronized void close() {
        while (!stopActions.isEmpty()) {
            try {
                stopActions.pop().run();
            } catch (RuntimeException e) {
                System.err.println("[local-stack] while stopping: " + e.getMessage());
            }
        }
    }
}
