package org.wsis.reliability;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.Installation;
import org.wsis.localstack.KafkaBroker;
import org.wsis.localstack.PlatformService;
import org.wsis.localstack.Ports;
import org.wsis.localstack.QuarkusApp;
import org.wsis.localstack.StackException;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wsis.reliability.Platform.awaitUntil;

/**
 * Issue 17, "a trusted event bus" and "no published secrets", on the shared platform: Kafka takes
 * records only from the topic's owner (SCRAM users and ACLs), consumers refuse an event whose source
 * is not the topic's owner, each service's database role opens only its own database, and a service
 * refuses to start with a secret published in the repository.
 */
@Tag("integration")
class TrustedEventBusTest extends PlatformSuite {

    @BeforeAll
    static void start() {
        useSharedPlatform();
    }

    /** A service holding its own credentials cannot write or read another service's topics; nobody gets in unauthenticated. */
    @Test
    void kafkaTakesATopicOnlyFromItsOwnerAndNothingFromAnonymous() {
        String forged = event("/wsis/stocktaking-service", "org.wsis.stocktaking.entry.published.v1", UUID.randomUUID());
        // forum-service's user on stocktaking's topic
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> send("forum-service", "stocktaking.entries", "forged", forged));
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), refused.toString());
        // prizes-service's user on the topic it consumes (read yes, write no)
        refused = assertThrows(ExecutionException.class, () -> send("prizes-service", "stocktaking.entries", "forged", forged));
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), refused.toString());
        // forum-service cannot read stocktaking's entries either
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(platform.kafkaClient("forum-service", Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())))) {
            reader.assign(List.of(new TopicPartition("stocktaking.entries", 0)));
            reader.seekToBeginning(reader.assignment());
            assertThrows(TopicAuthorizationException.class, () -> reader.poll(Duration.ofSeconds(10)));
        }
        // no SASL at all: the broker never answers (the listener speaks SASL only)
        Map<String, Object> anonymous = new HashMap<>(producerConfig("admin"));
        anonymous.keySet().removeIf(key -> key.startsWith("sasl.") || key.equals("security.protocol"));
        anonymous.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(anonymous)) {
            assertThrows(Exception.class, () -> producer.send(new ProducerRecord<>("stocktaking.entries", "x", forged)).get(10, TimeUnit.SECONDS));
        }
        System.out.println("[bus] forum-service and prizes-service refused on stocktaking.entries (TopicAuthorizationException), "
                + "forum-service cannot read it, an unauthenticated producer gets nowhere");
    }

    /**
     * A record that does reach a topic (here through the super user, which bypasses ACLs, as a
     * leaked admin tool would) but names another service as its source is refused by every consumer
     * and dead-lettered: no eligible entry, no prize flag.
     */
    @Test
    void aForgedSourceIsRefusedAndDeadLettered() throws Exception {
        UUID ghost = UUID.randomUUID();
        String entryKey = ghost.toString();
        send(KafkaBroker.ADMIN, "stocktaking.entries", entryKey,
                event("/wsis/forum-service", "org.wsis.stocktaking.entry.published.v1", ghost));

        String id = platform.createEntry(editor, "Published while a forged entry event waits", null);
        platform.submitAndPublish(editor, moderator, id);
        String resultsKey = "forged-" + UUID.randomUUID();
        send(KafkaBroker.ADMIN, "prizes.results", resultsKey, """
                {"specversion":"1.0","id":"%s","source":"/wsis/stocktaking-service","type":"org.wsis.prizes.results.published.v1",
                 "subject":"2099","time":"2099-05-01T10:00:00Z","datacontenttype":"application/json",
                 "data":{"edition":2099,"publishedAt":"2099-05-01T10:00:00Z",
                         "results":[{"category":"C1","entryId":"%s","title":"t","organisation":"o","outcome":"WINNER"}]}}"""
                .formatted(UUID.randomUUID(), id));

        awaitUntil(Duration.ofSeconds(60), () -> keys("prizes.dead-letter").contains(entryKey), "forged entry event on prizes.dead-letter");
        awaitUntil(Duration.ofSeconds(60), () -> keys("stocktaking.dead-letter").contains(resultsKey), "forged results on stocktaking.dead-letter");
        awaitUntil(Duration.ofSeconds(60), () -> keys("forum.dead-letter").contains(resultsKey), "forged results on forum.dead-letter");
        platform.gateway().get("/api/prizes/v1/eligible-entries/" + ghost).then().statusCode(404);
        platform.gateway().get("/api/stocktaking/v1/entries/" + id).then().statusCode(200).body("prizes.size()", equalTo(0));
        System.out.println("[bus] a forged entry.published (source forum-service) and a forged results.published (source "
                + "stocktaking-service) were dead-lettered by prizes, stocktaking and forum; nothing changed");
    }

    /** One database role per service: no superuser, and no way into another service's database. */
    @Test
    void eachServiceHasADatabaseRoleOfItsOwn() {
        for (PlatformService service : PlatformService.values()) {
            String role = platform.stack.databaseRole(service);
            assertEquals(service.key(), role, service + " signs in as its own role");
            assertEquals("f", platform.stack.postgres().psql("postgres",
                    "SELECT rolsuper FROM pg_roles WHERE rolname = '" + role + "'").trim(), role + " is no superuser");
            assertEquals("1", platform.stack.postgres().psqlAs(role, password(service), service.database(), "SELECT 1").trim());
        }
        StackException refused = assertThrows(StackException.class,
                () -> platform.stack.postgres().psqlAs("prizes", password(PlatformService.PRIZES), "stocktaking", "SELECT count(*) FROM entry"));
        assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
        System.out.println("[db] four roles, none superuser; prizes cannot connect to stocktaking's database");
    }

    /**
     * PostgreSQL asks every connection for its password (issue 17: the local stack trusted every
     * loopback connection, so any local process signed in as any role, the superuser included).
     */
    @Test
    void postgresRefusesAConnectionWithoutItsPassword() {
        var postgres = platform.stack.postgres();
        for (String role : List.of("postgres", PlatformService.STOCKTAKING.key())) {
            StackException missing = assertThrows(StackException.class, () -> postgres.psqlAs(role, null, "postgres", "SELECT 1"));
            assertTrue(missing.getMessage().contains("no password supplied"), missing.getMessage());
            StackException wrong = assertThrows(StackException.class, () -> postgres.psqlAs(role, "wrong-" + UUID.randomUUID(), "postgres", "SELECT 1"));
            assertTrue(wrong.getMessage().contains("password authentication failed"), wrong.getMessage());
        }
        assertEquals("1", postgres.psqlAs(PlatformService.STOCKTAKING.key(), password(PlatformService.STOCKTAKING),
                PlatformService.STOCKTAKING.database(), "SELECT 1").trim(), "the right password still opens its database");
        System.out.println("[db] PostgreSQL refused the superuser and a service role without a password and with a wrong one (SCRAM)");
    }

    private static String password(PlatformService service) {
        return platform.stack.serviceConfig(service).get("quarkus.datasource.password");
    }

    /** A service started outside dev/test with the repository's dev badge key refuses to start, naming the property. */
    @Test
    void aServiceRefusesToStartWithAPublishedSecret() {
        Map<String, String> config = new HashMap<>(platform.stack.serviceConfig(PlatformService.FORUM));
        config.put("forum.badge-secret", "dev-only-badge-secret-change-me-in-production-0123456789");
        config.put("quarkus.flyway.migrate-at-start", "false");
        config.put("mp.messaging.incoming.prizes-results.enabled", "false");
        QuarkusApp forum = new QuarkusApp(Installation.fromBuild(), "forum-service", platform.stack.logDir().resolve("guard"),
                Ports.freePort(), config);
        try {
            forum.launch();
            awaitUntil(Duration.ofSeconds(90), () -> !forum.process().isAlive(), "forum-service stops by itself");
            assertTrue(forum.process().logContains("Refusing to start with secrets published in the repository"), forum.process().tail());
            assertTrue(forum.process().logContains("forum.badge-secret"), forum.process().tail());
            assertFalse(forum.process().logContains("dev-only-badge-secret-change-me"), "the value itself is never logged");
        } finally {
            forum.stop();
        }
        System.out.println("[secrets] forum-service with the published badge key (prod profile) refused to start");
    }

    private static String event(String source, String type, UUID entryId) {
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        return """
                {"specversion":"1.0","id":"%s","source":"%s","type":"%s","subject":"%s","time":"%s",
                 "datacontenttype":"application/json",
                 "data":{"entryId":"%s","ownerId":"someone","title":"Forged entry","organisation":"Nobody",
                         "actionLines":["C1"],"publishedAt":"%s"}}"""
                .formatted(UUID.randomUUID(), source, type, entryId, now, entryId, now);
    }

    private static Map<String, Object> producerConfig(String user) {
        return platform.kafkaClient(user, Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000"));
    }

    private static void send(String user, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(user))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** The keys of every record on a topic, read to its end as the super user. */
    private static List<String> keys(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(platform.kafkaClient(KafkaBroker.ADMIN, Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<String> keys = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    keys.add(record.key());
                }
            }
            return keys;
        }
    }

}
