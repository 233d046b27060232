package org.wsis.localstack;

import org.wsis.localstack.demo.DemoData;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The run command ({@code ./run-local}): starts the whole platform on fixed ports, prints where
 * everything is, and stops it all on Ctrl-C.
 *
 * <pre>
 * --port-offset=N   add N to every port (when the defaults are taken)
 * --infra-only      PostgreSQL, Kafka and Keycloak only (to run a service with quarkus:dev)
 * --work-dir=PATH   where data and logs go (default: .local-stack in the repository)
 * --set=KEY=VALUE   a config property for every service and the gateway (repeatable), e.g. a
 *                   benchmark's --set=quarkus.oidc.public-key=... ; wins over the stack's own
 * --demo            once everything is up, load the demo data set through the public API
 *                   ({@link DemoData}; safe to repeat: what exists is kept)
 * </pre>
 */
public final class LocalStackMain {

    public static void main(String[] args) throws InterruptedException {
        Installation installation = Installation.fromBuild();
        int portOffset = 0;
        boolean infraOnly = false;
        boolean demo = false;
        Path workDir = installation.repoRoot().resolve(".local-stack");
        Map<String, String> extraConfig = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--port-offset=")) {
                portOffset = Integer.parseInt(arg.substring("--port-offset=".length()));
            } else if (arg.equals("--infra-only")) {
                infraOnly = true;
            } else if (arg.equals("--demo")) {
                demo = true;
            } else if (arg.startsWith("--work-dir=")) {
                workDir = Path.of(arg.substring("--work-dir=".length())).toAbsolutePath();
            } else if (arg.startsWith("--set=") && arg.indexOf('=', "--set=".length()) > "--set=".length()) {
                String setting = arg.substring("--set=".length());
                int eq = setting.indexOf('=');
                extraConfig.put(setting.substring(0, eq), setting.substring(eq + 1));
            } else {
                System.err.println("Unknown option " + arg + " (see LocalStackMain's javadoc)");
                System.exit(2);
            }
        }
        if (demo && infraOnly) {
            System.err.println("--demo loads data through the gateway, which --infra-only does not start");
            System.exit(2);
        }
        Set<PlatformService> services = infraOnly ? EnumSet.noneOf(PlatformService.class) : EnumSet.allOf(PlatformService.class);
        long started = System.nanoTime();
        System.out.println("Starting the WSIS platform (logs in " + workDir.resolve("logs") + ") ...");
        PlatformStack stack;
        try {
            stack = PlatformStack.start(new PlatformStack.Options(workDir, portOffset, true, true, services, !infraOnly, extraConfig));
        } catch (StackException e) {
            System.err.println("\nCould not start the platform: " + e.getMessage());
            System.exit(1);
            return;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the WSIS platform ...");
            stack.close();
            System.out.println("Stopped.");
        }));
        printSummary(stack, workDir, infraOnly, seconds);
        if (demo) {
            loadDemo(stack);
        }
        new CountDownLatch(1).await();
    }

    private static void loadDemo(PlatformStack stack) {
        int year = DemoData.defaultYear();
        System.out.println("Loading the demo data set through the gateway (prize and forum edition " + year + ") ...");
        long started = System.nanoTime();
        try {
            new DemoData(stack.gateway().url(), stack.keycloak().realmUrl(), year, System.out).load();
            System.out.printf("Demo data ready in %.1f s. Try: curl '%s/api/stocktaking/v1/search?q=health&lang=en'%n",
                    (System.nanoTime() - started) / 1e9, stack.gateway().url());
        } catch (StackException e) {
            // the platform stays up: the data loaded so far is there, and the loader can be run again
            System.err.println("Could not load all demo data: " + e.getMessage());
        }
    }

    private static void printSummary(PlatformStack stack, Path workDir, boolean infraOnly, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nWSIS platform ready in %.1f s. Ctrl-C stops everything.%n%n", seconds));
        if (!infraOnly) {
            out.append(String.format("  Gateway (the public entry)  %s%n", stack.gateway().url()));
            for (PlatformService service : PlatformService.values()) {
                out.append(String.format("    %-12s via gateway %s/api/%s/v1/...   direct %s (Swagger UI: %s/q/swagger-ui)%n",
                        service.key(), stack.gateway().url(), service.key(), stack.service(service).url(),
                        stack.service(service).url()));
            }
        }
        out.append(String.format("  Keycloak                    %s   (admin console: admin / admin)%n", stack.keycloak().url()));
        out.append(String.format("  PostgreSQL                  %s (user postgres, password: postgres.superuser.password in %s)%n",
                stack.postgres().jdbcUrl("<service>"), workDir.resolve("secrets.properties")));
        out.append(String.format("  Kafka                       %s%n", stack.kafka().bootstrapServers()));
        out.append(String.format("%nTest logins (password = user name; all in deploy/keycloak/README.md):%n"));
        out.append("  editor, editor2, moderator, prize-admin, reviewer, voter, organizer, participant, statistician, admin\n");
        out.append(String.format("  Token: curl -s -d grant_type=password -d client_id=wsis-dev-cli -d username=editor -d password=editor \\%n"
                + "           %s/protocol/openid-connect/token%n", stack.keycloak().realmUrl()));
        out.append(String.format("%nResident memory:%n"));
        for (ManagedProcess process : stack.processes()) {
            out.append(String.format("  %-20s pid %-8d %5d MB%n", process.name(), process.pid(), ResidentMemory.megabytes(process.pid())));
        }
        System.out.println(out);
    }
}
