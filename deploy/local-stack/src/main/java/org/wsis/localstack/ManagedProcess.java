package org.wsis.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One child process with its log file. Start it, wait until it is really ready (never forever),
 * stop it. Every failure message names the component and where its log is.
 */
public class ManagedProcess {
    private final String name;
    private final Path logFile;
    private Process process;
    /** Log size when the current run started: readiness looks only at what this run wrote (restarts append). */
    private long logOffset;

    public ManagedProcess(String name, Path logFile) {
        this.name = name;
        this.logFile = logFile;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public void start(ProcessBuilder builder) {
        org.wsis.localstack.testing.TestTier.refuseProcess(name);
        requireExecutable(builder.command().get(0));
        try {
            Files.createDirectories(logFile.getParent());
            logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new StackException("Could not start " + name + " (" + builder.command() + "): " + e.getMessage(), e);
        }
    }

    /**
     * Polls {@code ready} until it answers true; fails if the process dies or time runs out.
     * {@code WSIS_LOCAL_STACK_READY_SECONDS} raises every such wait (Keycloak's, each service's): on a
     * machine shared by several builds, far above its cores, a server can take longer to boot
     * without being broken.
     */
    public void awaitReady(BooleanSupplier ready, Duration usualTimeout) {
        Duration timeout = longer(usualTimeout, System.getenv("WSIS_LOCAL_STACK_READY_SECONDS"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException(name + " exited with code " + process.exitValue()
                        + " before it was ready. Log: " + logFile + "\n" + tail());
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(200);
        }
        stop(Duration.ofSeconds(5));
        throw new StackException(name + " was not ready within " + timeout.toSeconds() + " s. Log: "
                + logFile + "\n" + tail());
    }

    private static Duration longer(Duration usual, String seconds) {
        return seconds == null || seconds.isBlank() ? usual : Duration.ofSeconds(Math.max(usual.toSeconds(), Long.parseLong(seconds.strip())));
    }

    /** SIGTERM to the process and its children, then SIGKILL after the grace period. */
    public void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Whether the current run (since the last start) has logged {@code text}. */
    public boolean logContains(String text) {
        try {
            if (!Files.exists(logFile)) {
                return false;
            }
            String log = Files.readString(logFile);
            return log.length() > logOffset && log.substring((int) Math.min(logOffset, log.length())).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, no grace: for fault tests that prove nothing half-written survives a crash. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the log, for error messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Runs a short command to completion (initdb, psql, kafka-storage format). */
    public static String runToCompletion(String what, ProcessBuilder builder, Duration timeout) {
        org.wsis.localstack.testing.TestTier.refuseProcess(what);
        requireExecutable(builder.command().get(0));
        try {
            builder.redirectErrorStream(true);
            Process p = builder.start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new StackException(what + " did not finish within " + timeout.toSeconds() + " s");
            }
            String text = new String(output);
            if (p.exitValue() != 0) {
                throw new StackException(what + " failed (exit " + p.exitValue() + "): " + builder.command() + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new StackException(what + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(what + " was interrupted", e);
        }
    }

    private static void requireExecutable(String command) {
        if (command.contains("/") && !Files.isExecutable(Path.of(command)) && !command.endsWith(".sh")) {
            throw new StackException("Executable not found: " + command);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting", e);
        }
    }
}
