package org.wsis.indicators.upload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep of spool files a killed instance left behind, on a real directory. */
class UploadFilesTest {

    @Test
    void onlyOldSpoolFilesAreDeleted(@TempDir Path dir) throws Exception {
        UploadFiles files = new UploadFiles(dir, Duration.ofHours(6), java.time.Clock.systemUTC());
        Path orphan = files.create();
        Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofHours(7))));
        Path inUse = files.create();
        Path someoneElses = Files.createFile(dir.resolve("other-program.upload"));
        Files.setLastModifiedTime(someoneElses, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

        assertEquals(1, files.deleteOlderThan(Duration.ofHours(6)));

        assertFalse(Files.exists(orphan), "left behind by a stopped instance");
        assertTrue(Files.exists(inUse), "being read right now");
        assertTrue(Files.exists(someoneElses), "not an upload file of this service");
    }
}
