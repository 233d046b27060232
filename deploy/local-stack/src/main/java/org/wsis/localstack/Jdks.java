package org.wsis.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds a JDK of a minimum version: our services run on 17, Keycloak 26 needs 21 or newer. */
final class Jdks {
    private Jdks() {
    }

    static Path atLeast(int feature, String envVariable, String forWhat) {
        String configured = System.getenv(envVariable);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        if (Runtime.version().feature() >= feature) {
            return Path.of(System.getProperty("java.home"));
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            Optional<Path> newest = jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")))
                    .filter(jdk -> version(jdk) >= feature)
                    .max(Comparator.comparingInt(Jdks::version));
            if (newest.isPresent()) {
                return newest.get();
            }
        } catch (IOException ignored) {
            // fall through to the error
        }
        throw new StackException(forWhat + " needs Java " + feature + " or newer, and none was found in /usr/lib/jvm. "
                + "Install one (e.g. a Temurin " + feature + "+ JDK) or set " + envVariable + " to its home.");
    }

    /** The feature version from a JDK's release file, 0 when unknown. */
    private static int version(Path jdk) {
        try (Stream<String> lines = Files.lines(jdk.resolve("release"))) {
            return lines.filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.replaceAll("JAVA_VERSION=\"?(\\d+).*", "$1"))
                    .mapToInt(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
