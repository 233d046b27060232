package org.wsis.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The local stack's own secrets (database roles' passwords, Kafka users' passwords, the forum badge
 * key): random, made once per work directory and kept in {@code secrets.properties} there (mode 600),
 * so a durable ./run-local finds the same ones after a restart. Nothing of it is in the repository,
 * so the services' DevSecretGuard has nothing to refuse.
 */
public final class LocalSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path file;
    private final Properties values = new Properties();

    public LocalSecrets(Path workDir) {
        this.file = workDir.resolve("secrets.properties");
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                values.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The secret of that name, made now if this work directory has none yet. */
    public synchronized String get(String name) {
        String value = values.getProperty(name);
        if (value == null) {
            byte[] bytes = new byte[30];
            RANDOM.nextBytes(bytes);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            values.setProperty(name, value);
            save();
        }
        return value;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the directory's own permissions apply
                }
            }
            try (Writer out = Files.newBufferedWriter(file)) {
                values.store(out, "local-stack secrets (random, this work directory only)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
