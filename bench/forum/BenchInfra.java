import org.wsis.localstack.PlatformStack;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;

/**
 * PostgreSQL (with a fresh 'forum' database) and Kafka for the benchmark, through the local
 * stack's own API but without Keycloak (the benchmark signs its own tokens) and without the
 * other services. Run: java -cp "deploy/local-stack/target/classes:deploy/kafka-runtime/target/kafka-libs/*" bench/forum/BenchInfra.java
 * PORT_OFFSET WORK_DIR. Prints "infra ready" and runs until stopped (SIGTERM stops both).
 */
public class BenchInfra {
    public static void main(String[] args) throws InterruptedException {
        int portOffset = Integer.parseInt(args[0]);
        Path workDir = Path.of(args[1]).toAbsolutePath();
        // the shutdown hook is registered before starting, so a stop during start-up leaves no orphans
        PlatformStack[] stack = new PlatformStack[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stack[0] != null) {
                stack[0].close();
            }
        }));
        stack[0] = PlatformStack.start(new PlatformStack.Options(workDir, portOffset, false, false,
                EnumSet.noneOf(org.wsis.localstack.PlatformService.class), false));
        stack[0].postgres().createDatabase("forum");
        System.out.println("infra ready: " + stack[0].postgres().jdbcUrl("forum") + " kafka " + stack[0].kafka().bootstrapServers());
        new CountDownLatch(1).await();
    }
}
