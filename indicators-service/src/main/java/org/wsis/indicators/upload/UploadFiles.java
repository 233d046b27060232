package org.wsis.indicators.upload;

import java.time.Clock;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.wsis.indicators.IndicatorsConfig;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The files uploads are spooled to before they are read, in the system's temporary directory. An
 * instance killed while it held some leaves them behind (its batches are marked FAILED by
 * {@link BatchHeartbeat}); every instance sweeps files of that name older than
 * {@code indicators.upload.orphan-after}, far longer than any upload takes to process.
 */
@Singleton
public class UploadFiles {
    private static final Logger LOG = Logger.getLogger(UploadFiles.class);
    static final String PREFIX = "indicator-batch-";
    static final String SUFFIX = ".upload";

    private final Path directory;
    private final Duration orphanAfter;
    private final Clock clock;

    @Inject
    public UploadFiles(IndicatorsConfig config, Clock clock) {
        this(Path.of(System.getProperty("java.io.tmpdir")), config.upload().orphanAfter(), clock);
    }

    UploadFiles(Path directory, Duration orphanAfter, Clock clock) {
        this.directory = directory;
        this.orphanAfter = orphanAfter;
        this.clock = clock;
    }

    /** A new, empty spool file; whoever reads it deletes it. */
    public Path create() throws IOException {
        return Files.createTempFile(directory, PREFIX, SUFFIX);
    }

    @Scheduled(every = "1h", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        int deleted = deleteOlderThan(orphanAfter);
        if (deleted > 0) {
            LOG.warnf("Deleted %d upload file(s) left behind by a stopped instance (older than %s)", deleted, orphanAfter);
        }
    }

    /** Deletes spool files last written more than {@code age} ago; returns how many. */
    int deleteOlderThan(Duration age) {
        Instant cutoff = clock.instant().minus(age);
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                        deleted++;
                    }
                } catch (IOException e) {
                    LOG.debugf("Could not sweep %s: %s", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warnf("Upload sweep skipped: %s", e.getMessage());
        }
        return deleted;
    }
}
