package org.wsis.deploychecks;

import org.junit.jupiter.api.Test;
import org.wsis.devsecrets.DevSecretGuard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every configuration file a deployment uses (each module's application.properties and
 * microprofile-config.properties, everything under deploy/) is scanned for values published in this
 * repository: a secret property holding one of DevSecretGuard's known dev values, the dev realm's
 * agency secrets, the dev badge key, "change-me" placeholders, the password-grant test client, the
 * password grant itself, and the guard's escape hatch. Lines of the %dev and %test profiles are
 * exempt, and so are the files that exist only to run the platform locally with the dev realm
 * (listed in {@link #LOCAL_ONLY}, each with its reason). A finding names the file and line.
 */
class DevValuesScanTest {

    /** The repository scanned: this one, or another checkout given as -Dwsis.repo (to show what a branch ships). */
    private static final Path REPO = Path.of(System.getProperty("wsis.repo", "../..")).toAbsolutePath().normalize();

    /** Local-only files: they ARE the dev setup, and nothing that deploys the platform reads them. */
    private static final Set<String> LOCAL_ONLY = Set.of(
            "deploy/keycloak/wsis-realm.json",   // the dev realm (test users, published secrets), documented as such
            "deploy/compose/compose.yaml",        // loopback-only Docker run with the dev realm; ComposeFileTest checks it
            "deploy/compose/postgres-init.sql",
            "deploy/kubernetes/keycloak/generate-realm-import.sh"); // names the dev client to remove it

    private static final Set<String> SCANNED_TYPES = Set.of(".properties", ".yaml", ".yml", ".json", ".env", ".sql", ".sh", ".conf", ".xml");

    /** key = value, key: value, "key": "value" */
    private static final Pattern SETTING = Pattern.compile("^\\s*-?\\s*\"?([A-Za-z0-9_.%\\-]+)\"?\\s*[:=]\\s*\"?(.*?)\"?\\s*,?\\s*$");
    private static final Pattern SECRET_KEY = Pattern.compile(".*(password|secret|jaas[._-]config|private[._-]key).*", Pattern.CASE_INSENSITIVE);

    /** Published values that must not appear in a deployed file at all, whatever the key. */
    private static final List<Pattern> ANYWHERE = List.of(
            Pattern.compile("agency-(itu|unesco|undesa|unctad)-secret"),
            Pattern.compile("dev-only-badge-secret"),
            Pattern.compile("change-?me", Pattern.CASE_INSENSITIVE),
            Pattern.compile("wsis-dev-cli"),
            Pattern.compile("\"directAccessGrantsEnabled\"\\s*:\\s*true"),
            Pattern.compile("allow[-_.]dev[-_.]secrets", Pattern.CASE_INSENSITIVE));

    @Test
    void noPublishedValueOutsideTheDevAndTestProfiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(REPO)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                for (Path config : List.of(module.resolve("src/main/resources/application.properties"),
                        module.resolve("src/main/resources/META-INF/microprofile-config.properties"))) {
                    if (Files.isRegularFile(config)) {
                        files.add(config);
                    }
                }
            }
        }
        try (Stream<Path> deploy = Files.walk(REPO.resolve("deploy"))) {
            deploy.filter(Files::isRegularFile)
                    .filter(f -> !REPO.relativize(f).toString().matches(".*(^|/)(target|src/test|src/main/java)/.*"))
                    .filter(f -> SCANNED_TYPES.stream().anyMatch(type -> f.getFileName().toString().endsWith(type)))
                    .filter(f -> !f.getFileName().toString().equals("pom.xml"))
                    .forEach(files::add);
        }
        assertTrue(files.size() > 20, "found the configuration files: " + files);

        List<String> findings = new ArrayList<>();
        for (Path file : files) {
            String relative = REPO.relativize(file).toString().replace('\\', '/');
            if (LOCAL_ONLY.contains(relative) || relative.startsWith("deploy/kubernetes/platform/secrets/")) {
                continue; // the git-ignored generated secrets are random, and never committed
            }
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String trimmed = line.trim();
                if (trimmed.startsWith("%dev.") || trimmed.startsWith("%test.") || trimmed.startsWith("#")) {
                    continue;
                }
                String where = relative + ":" + (i + 1) + ": " + trimmed;
                for (Pattern published : ANYWHERE) {
                    if (published.matcher(line).find()) {
                        findings.add(where + "   (published value " + published.pattern() + ")");
                    }
                }
                Matcher setting = SETTING.matcher(line);
                if (setting.matches() && SECRET_KEY.matcher(setting.group(1)).matches()
                        && !setting.group(2).isEmpty() && DevSecretGuard.isDevValue(setting.group(2))) {
                    findings.add(where + "   (secret " + setting.group(1) + " holds a published dev value)");
                }
            }
        }
        assertTrue(findings.isEmpty(), "published values in deployed configuration:\n  " + String.join("\n  ", findings));
    }
}
