package org.wsis.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Keycloak in dev mode with an in-memory database: the realm in deploy/keycloak/ is imported at
 * every start, so local runs and tests always begin from the documented users and clients.
 */
public class KeycloakServer {
    public static final String REALM = "wsis";
    private final Path home;
    private final Path realmFile;
    private final int port;
    private final ManagedProcess process;

    public KeycloakServer(Installation installation, Path logDir, int port) {
        this.home = installation.requireKeycloakHome();
        this.realmFile = installation.realmFile();
        this.port = port;
        this.process = new ManagedProcess("Keycloak", logDir.resolve("keycloak.log"));
    }

    public String url() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    /** The issuer the services validate tokens against. */
    public String realmUrl() {
        return url() + "/realms/" + REALM;
    }

    public ManagedProcess process() {
        return process;
    }

    public KeycloakServer start() {
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A fixed hostname: the issuer of every token is realmUrl(), whichever name the client used to reach
        // Keycloak. Without it the issuer follows the Host header, and a token fetched via localhost
        // names an issuer the platform (configured with 127.0.0.1) refuses.
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=" + Ports.LOOPBACK, "--http-port=" + port, "--hostname=" + url(),
                "--db=dev-mem", "--import-realm");
        builder.environment().put("JAVA_HOME", Jdks.atLeast(21, "KEYCLOAK_JAVA_HOME", "Keycloak 26").toString());
        // Keycloak's worker threads reset thread locals reflectively; newer JDKs need this opened.
        builder.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // Local runs only: the admin console login printed by the run command.
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        process.start(builder);
        // The first start on a machine also builds Keycloak's dev configuration, hence the long wait
        // (ManagedProcess lengthens it on a busy machine: WSIS_LOCAL_STACK_READY_SECONDS).
        process.awaitReady(this::realmAnswers, Duration.ofSeconds(240));
        return this;
    }

    public void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    private boolean realmAnswers() {
        return Http.status(realmUrl() + "/.well-known/openid-configuration") == 200;
    }
}
