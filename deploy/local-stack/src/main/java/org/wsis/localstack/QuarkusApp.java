package org.wsis.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One of our packaged Quarkus applications (a service or the gateway) run as a plain JVM process. */
public class QuarkusApp {
    private final Path jar;
    private final int port;
    private final Map<String, String> config;
    private final ManagedProcess process;

    public QuarkusApp(Installation installation, String module, Path logDir, int port, Map<String, String> config) {
        this.jar = installation.quarkusApp(module);
        this.port = port;
        this.config = config;
        this.process = new ManagedProcess(module, logDir.resolve(module + ".log"));
    }

    public String url() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    /**
     * Where /q/health and /q/metrics are: the management port when the app runs one (the gateway:
     * {@code quarkus.management.port} in its config), else the HTTP port.
     */
    public String managementUrl() {
        String management = config.get("quarkus.management.port");
        return management == null ? url() : "http://" + Ports.LOOPBACK + ":" + management;
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    /** Starts the JVM without waiting, so several apps can boot in parallel. */
    public QuarkusApp launch() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-Dquarkus.http.host=" + Ports.LOOPBACK, "-Dquarkus.http.port=" + port));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        process.start(new ProcessBuilder(command).directory(jar.getParent().toFile()));
        return this;
    }

    public void awaitReady() {
        process.awaitReady(() -> Http.status(managementUrl() + "/q/health/ready") == 200, Duration.ofSeconds(120));
    }

    public void stop() {
        process.stop(Duration.ofSeconds(15));
    }

    /** SIGKILL, as in a crash (fault tests). */
    public void kill() {
        process.kill();
    }

    /** Starts again on the same port with the same configuration, and waits until it is ready. */
    public void restart() {
        launch();
        awaitReady();
    }
}
