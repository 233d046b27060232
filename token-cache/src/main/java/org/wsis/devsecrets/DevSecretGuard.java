package org.wsis.devsecrets;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Refuses to start an application outside the dev and test profiles while one of its secrets is a
 * value published in this repository (the dev database password, the dev badge key, the dev realm's
 * agency secrets, a "change-me" placeholder). A deployment that forgot to set a secret then fails at
 * once, naming the property, instead of running with a key anybody can read on GitHub.
 * <p>
 * It lives in token-cache because that is the one module every service (through service-commons)
 * and the gateway (which must not pull in service-commons' datasource and Kafka) both depend on.
 * {@link #KNOWN_DEV_VALUES} is also what deploy-checks' {@code DevValuesScanTest} looks for in every
 * config file and manifest.
 * <p>
 * The escape hatch {@code wsis.security.allow-dev-secrets=true} exists for the Docker Compose file
 * only (a local, loopback-only platform with the dev realm); deploy-checks fails if any other
 * deployment file sets it.
 */
@ApplicationScoped
public class DevSecretGuard {

    /** Published secret values: each a case-insensitive pattern that must not match a secret's whole value. */
    public static final List<Pattern> KNOWN_DEV_VALUES = List.of(
            Pattern.compile("postgres", Pattern.CASE_INSENSITIVE),
            Pattern.compile("admin", Pattern.CASE_INSENSITIVE),
            Pattern.compile("password", Pattern.CASE_INSENSITIVE),
            Pattern.compile("secret", Pattern.CASE_INSENSITIVE),
            Pattern.compile("agency-[a-z]+-secret", Pattern.CASE_INSENSITIVE),
            Pattern.compile("dev-only-.*", Pattern.CASE_INSENSITIVE),
            Pattern.compile(".*change-?me.*", Pattern.CASE_INSENSITIVE));

    /**
     * Property names that hold secrets: their values are checked. The name must END with it:
     * {@code ...credentials-provider.password-key} names where a password is found, it is none.
     */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(password|secret|jaas[._-]config)", Pattern.CASE_INSENSITIVE);
    /** password="..." inside a JAAS line (Kafka SASL). */
    private static final Pattern JAAS_PASSWORD = Pattern.compile("password=\"([^\"]*)\"");
    static final String ALLOW = "wsis.security.allow-dev-secrets";

    void onStart(@Observes StartupEvent event, Config config) {
        List<String> profiles = ConfigUtils.getProfiles();
        if (LaunchMode.current().isDevOrTest() || profiles.contains("dev") || profiles.contains("test")
                || config.getOptionalValue(ALLOW, Boolean.class).orElse(false)) {
            return;
        }
        Set<String> found = devSecrets(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
        if (!found.isEmpty()) {
            throw new IllegalStateException("Refusing to start with secrets published in the repository (profile "
                    + profiles + "): " + String.join(", ", found) + ". Set them from a secret store "
                    + "(e.g. QUARKUS_DATASOURCE_PASSWORD, FORUM_BADGE_SECRET, KAFKA_SASL_JAAS_CONFIG from a Kubernetes Secret).");
        }
    }

    /** The names of secret properties whose value is a known dev value (names only: never the values). */
    public static Set<String> devSecrets(Iterable<String> names, Function<String, Optional<String>> valueOf) {
        Set<String> found = new TreeSet<>();
        for (String name : names) {
            if (name.startsWith("%") || !SECRET_NAME.matcher(name).matches() || name.equalsIgnoreCase(ALLOW)) {
                continue; // another profile's value, or not a secret
            }
            Optional<String> value;
            try {
                value = valueOf.apply(name);
            } catch (RuntimeException unreadable) {
                continue; // e.g. an expression naming a missing property: not ours to judge
            }
            if (value.isPresent() && isDevValue(value.get())) {
                found.add(name.toLowerCase(Locale.ROOT).replace('_', '.'));
            }
        }
        return found;
    }

    /** A secret value is a dev value if it, or the password inside it (JAAS), is one of {@link #KNOWN_DEV_VALUES}. */
    public static boolean isDevValue(String value) {
        List<String> candidates = new ArrayList<>(List.of(value.trim()));
        var jaas = JAAS_PASSWORD.matcher(value);
        while (jaas.find()) {
            candidates.add(jaas.group(1));
        }
        return candidates.stream().anyMatch(v -> KNOWN_DEV_VALUES.stream().anyMatch(p -> p.matcher(v).matches()));
    }
}
