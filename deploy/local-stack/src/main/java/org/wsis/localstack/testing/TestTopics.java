package org.wsis.localstack.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * The test Kafka's topics read and written directly, as another service would, with plain Kafka
 * clients built from the broker the service under test is configured with ({@code kafka.bootstrap.servers},
 * set by {@link PostgresKafkaTestResource}). Every read uses a fresh consumer group from the earliest
 * offset, and looks for its own records (by key, by type) among those other tests left on the topic.
 */
public final class TestTopics {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String bootstrapServers;

    private TestTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The broker of the running {@code @QuarkusTest}'s configuration. */
    public static TestTopics ofConfiguredBroker() {
        return new TestTopics(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    public static TestTopics of(String bootstrapServers) {
        return new TestTopics(bootstrapServers);
    }

    /** Sends a structured CloudEvent exactly as an outbox relay does: the whole event as value, its content type as header. */
    public void sendEvent(String topic, String key, String cloudEvent) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, cloudEvent);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.US_ASCII));
        send(record);
    }

    /** Sends any value (a poison message, say), without headers. */
    public void send(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private void send(ProducerRecord<String, String> record) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test broker refused a record on " + record.topic(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first CloudEvent on the topic with this key and type ({@code type} null: of any type).
     *
     * @throws AssertionError when none came within the timeout
     */
    public JsonNode awaitEvent(String topic, String key, String type, Duration timeout) {
        List<JsonNode> found = read(topic, timeout, record -> {
            if (!key.equals(record.key())) {
                return null;
            }
            JsonNode event = json(record.value());
            return event != null && (type == null || type.equals(event.path("type").asText())) ? event : null;
        });
        if (found.isEmpty()) {
            throw new AssertionError("no event " + (type == null ? "" : type + " ") + "with key " + key + " on " + topic
                    + " within " + timeout);
        }
        return found.get(0);
    }

    /** The keys of the records on the topic, as soon as there is one (empty when none came within the timeout). */
    public List<String> keys(String topic, Duration timeout) {
        return read(topic, timeout, ConsumerRecord::key);
    }

    private <T> List<T> read(String topic, Duration timeout, java.util.function.Function<ConsumerRecord<String, String>, T> pick) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<T> picked = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            // poll() itself waits for records (up to 500 ms): no sleeping here
            while (picked.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    T value = pick.apply(record);
                    if (value != null) {
                        picked.add(value);
                    }
                }
            }
        }
        return picked;
    }

    private static JsonNode json(String value) {
        try {
            return value == null ? null : MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            return null; // not JSON (a poison message another test sent): not the event looked for
        }
    }
}
