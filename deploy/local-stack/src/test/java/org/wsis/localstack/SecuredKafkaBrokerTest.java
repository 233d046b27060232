package org.wsis.localstack;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The platform's broker (SASL/SCRAM users, ACLs per service, topics made up front), without the rest
 * of the platform: the owner of a topic writes it, another service's user gets a
 * TopicAuthorizationException, a client without credentials gets nothing.
 */
@Tag("integration")
class SecuredKafkaBrokerTest {

    @Test
    void aTopicTakesRecordsFromItsOwnerOnly() throws Exception {
        Path workDir = Path.of("target", "secured-kafka-" + ProcessHandle.current().pid()).toAbsolutePath();
        KafkaBroker kafka = new KafkaBroker(Installation.fromBuild(), workDir, workDir.resolve("logs"),
                Ports.freePort(), Ports.freePort(), new LocalSecrets(workDir));
        try {
            kafka.start();
            kafka.authorize(List.of("stocktaking.entries", "stocktaking.dead-letter", "forum.registrations"), List.of(
                    new KafkaBroker.Grant("stocktaking-service", "stocktaking.", List.of(), "stocktaking-service"),
                    new KafkaBroker.Grant("forum-service", "forum.", List.of(), "forum-service")));

            send(kafka.clientConfig("stocktaking-service"), "stocktaking.entries"); // the owner: accepted
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> send(kafka.clientConfig("forum-service"), "stocktaking.entries"));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), refused.toString());

            Map<String, String> anonymous = new HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers()));
            assertThrows(Exception.class, () -> send(anonymous, "stocktaking.entries"), "no credentials, no write");
        } finally {
            kafka.stop();
            Directories.deleteQuietly(workDir);
        }
    }

    private static void send(Map<String, String> client, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, "key", "{}")).get(30, TimeUnit.SECONDS);
        }
    }
}
