package org.wsis.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real SMTP server for tests that send e-mail: MailDev (npm package {@value #PACKAGE}, run with npx, so
 * it needs Node.js and the npm registry or npx's cache), SMTP and its REST API ({@code GET /api/email}, {@code
 * DELETE /api/email}) bound to 127.0.0.1 on the given ports. Stopped by its own PID (and its children's).
 */
public class MailDevServer {
    public static final String PACKAGE = "maildev@3.0.0";
    private final int smtpPort;
    private final int webPort;
    private final ManagedProcess process;
    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    public MailDevServer(Path logDir, int smtpPort, int webPort) {
        this.smtpPort = smtpPort;
        this.webPort = webPort;
        this.process = new ManagedProcess("maildev", logDir.resolve("maildev-" + smtpPort + ".log"));
    }

    public void start() {
        ProcessBuilder builder = new ProcessBuilder(List.of("npx", "--yes", PACKAGE,
                "--smtp", String.valueOf(smtpPort), "--ip", Ports.LOOPBACK,
                "--web", String.valueOf(webPort), "--web-ip", Ports.LOOPBACK));
        builder.environment().put("NO_UPDATE_NOTIFIER", "1");
        process.start(builder);
        // the first run downloads the package: give it time; the REST API answers once SMTP listens too
        process.awaitReady(() -> Ports.isListening(smtpPort) && healthy(),
                Duration.ofSeconds(180));
    }

    /**
     * MailDev's health probe over HTTP/1.1: its server drops the connection of the JDK client's default
     * HTTP/2 upgrade request (h2c), so {@link Http#status} never sees it answer.
     */
    private boolean healthy() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(webUrl() + "/api/healthz"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP_1_1.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void stop() {
        process.stop(Duration.ofSeconds(5));
    }

    public String smtpHost() {
        return Ports.LOOPBACK;
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** The REST API: {@code GET /api/email} lists the received messages (to, subject, text). */
    public String webUrl() {
        return "http://" + Ports.LOOPBACK + ":" + webPort;
    }

    public long pid() {
        return process.pid();
    }
}
