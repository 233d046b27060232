package org.wsis.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the repository and the build-time downloads (Kafka jars, Keycloak) are. */
public record Installation(Path repoRoot, Path kafkaLibs, Path keycloakHome) {

    private static final String BUILD_HINT = "Build the project first: ./mvnw install -DskipTests";

    public static Installation fromBuild() {
        Properties properties = new Properties();
        try (InputStream in = Installation.class.getResourceAsStream("/local-stack.properties")) {
            if (in == null) {
                throw new StackException("local-stack.properties is missing from the classpath. " + BUILD_HINT);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Installation(
                Path.of(properties.getProperty("repo.root")).toAbsolutePath().normalize(),
                Path.of(properties.getProperty("kafka.libs")),
                Path.of(properties.getProperty("keycloak.home")));
    }

    public Path requireKafkaLibs() {
        if (!Files.isDirectory(kafkaLibs)) {
            throw new StackException("Kafka jars not found in " + kafkaLibs + ". " + BUILD_HINT);
        }
        return kafkaLibs;
    }

    public Path requireKeycloakHome() {
        if (!Files.isRegularFile(keycloakHome.resolve("bin/kc.sh"))) {
            throw new StackException("Keycloak not found in " + keycloakHome + ". " + BUILD_HINT);
        }
        return keycloakHome;
    }

    public Path realmFile() {
        Path realm = repoRoot.resolve("deploy/keycloak/wsis-realm.json");
        if (!Files.isRegularFile(realm)) {
            throw new StackException("Realm export not found at " + realm);
        }
        return realm;
    }

    /** The runnable jar Quarkus builds for a module, e.g. stocktaking-service. */
    public Path quarkusApp(String module) {
        Path jar = repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new StackException(module + " is not built (" + jar + " missing). "
                    + "Build it first: ./mvnw package -DskipTests");
        }
        return jar;
    }
}
