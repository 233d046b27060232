package org.wsis.stocktaking.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.wsis.localstack.testing.TestTopics;

import java.time.Duration;

/** Stocktaking's tests' words for the test kit's {@link TestTopics} (kept so their call sites stay as they are). */
public final class KafkaTopics {
    private KafkaTopics() {
    }

    /** The first event on the topic with this key and CloudEvents type; fails the test when none comes in time. */
    public static JsonNode awaitEvent(String bootstrapServers, ObjectMapper mapper, String topic, String key,
                                      String type, Duration timeout) {
        return TestTopics.of(bootstrapServers).awaitEvent(topic, key, type, timeout);
    }

    public static void send(String bootstrapServers, String topic, String key, String value) {
        TestTopics.of(bootstrapServers).send(topic, key, value);
    }
}
