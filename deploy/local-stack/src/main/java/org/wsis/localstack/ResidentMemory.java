package org.wsis.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Resident memory of a process and its children, read from /proc (Linux). */
public final class ResidentMemory {
    private ResidentMemory() {
    }

    public static long megabytes(long pid) {
        return ProcessHandle.of(pid)
                .map(handle -> Stream.concat(Stream.of(handle), handle.descendants()).mapToLong(ResidentMemory::kilobytes).sum() / 1024)
                .orElse(0L);
    }

    private static long kilobytes(ProcessHandle handle) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(handle.pid()), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
