package org.wsis.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing what a throwaway stack left on disk. */
public final class Directories {
    private Directories() {
    }

    /** Deletes the directory and everything in it; a missing directory is fine. */
    public static void deleteQuietly(Path dir) {
        deleteContents(dir);
        if (dir != null) {
            dir.toFile().delete();
        }
    }

    /** Empties the directory but keeps it (its owner and mode matter, e.g. PostgreSQL's data directory). */
    public static void deleteContents(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(dir)).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // whatever is left goes with the next mvn clean
        }
    }
}
