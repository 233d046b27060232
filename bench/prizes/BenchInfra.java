import org.wsis.localstack.PlatformService;
import org.wsis.localstack.PlatformStack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;

/**
 * PostgreSQL + Kafka for the vote benchmark, from the project's local-stack (no Keycloak: the
 * benchmark signs its own tokens). Run: java -cp "deploy/local-stack/target/classes:deploy/kafka-runtime/target/kafka-libs/*" bench/prizes/BenchInfra.java WORKDIR OFFSET
 * Prints READY once both accept connections; stops them on SIGTERM.
 */
public class BenchInfra {
    public static void main(String[] args) throws Exception {
        PlatformStack stack = PlatformStack.start(new PlatformStack.Options(Path.of(args[0]).toAbsolutePath(),
                Integer.parseInt(args[1]), true, false, EnumSet.noneOf(PlatformService.class), false));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        // Kafka takes SCRAM users with ACLs: the service connects as prizes, with this stack's password
        List<String> kafka = stack.kafka().clientConfig(PlatformService.PRIZES.kafkaUser()).entrySet().stream()
                .map(e -> "-Dkafka." + e.getKey() + "=" + e.getValue()).toList();
        Files.write(Path.of(args[0]).resolve("prizes-kafka.options"), kafka);
        System.out.println("READY");
        new CountDownLatch(1).await();
    }
}
