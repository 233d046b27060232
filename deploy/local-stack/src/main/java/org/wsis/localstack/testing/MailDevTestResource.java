package org.wsis.localstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.wsis.localstack.MailDevServer;
import org.wsis.localstack.Ports;

import java.nio.file.Path;
import java.util.Map;

/**
 * A real SMTP server (MailDev) for a service's {@code @QuarkusTest}s that send mail: the service's
 * quarkus-mailer is pointed at it with the mock mailer off, and the test reads what arrived through
 * {@link #webUrl()} ({@code GET /api/email}). Log in target/local-stack-logs.
 */
public class MailDevTestResource implements QuarkusTestResourceLifecycleManager {
    private static volatile MailDevServer server;

    @Override
    public Map<String, String> start() {
        server = new MailDevServer(Path.of("target", "local-stack-logs").toAbsolutePath(), Ports.freePort(), Ports.freePort());
        server.start();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", server.smtpHost(),
                "quarkus.mailer.port", String.valueOf(server.smtpPort()),
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED");
    }

    /** MailDev's REST API of the running server ({@code GET /api/email}, {@code DELETE /api/email}). */
    public static String webUrl() {
        return server.webUrl();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
