package org.wsis.reliability;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.wsis.localstack.PlatformService;
import org.wsis.localstack.StackException;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wsis.reliability.Platform.awaitUntil;
import static org.wsis.reliability.Platform.sqlList;

/**
 * Issue 8, faults: each scenario breaks one real component of a running platform (Kafka, a
 * service, PostgreSQL, Keycloak, a topic) and checks what the platform promises afterwards.
 * They share one stack and restore what they break; Keycloak goes last because it is not restarted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceTest extends PlatformSuite {
    private static final String ENTRY_PUBLISHED = "org.wsis.stocktaking.entry.published.v1";
    private static final String PRIZES_CONSUMER = "prizes.eligible-entries";

    @BeforeAll
    static void start() {
        startDedicatedPlatform("fault-stack");
    }

    /** Fault 1: the broker stops mid-burst; afterwards every published entry reaches prizes exactly once. */
    @Test
    @Order(1)
    void kafkaStoppedDuringABurstLosesAndDoublesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int entries = 40;
        AtomicInteger done = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<String>> flows = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            String title = "Kafka outage " + run + " #" + i;
            flows.add(writers.submit(() -> {
                String id = platform.createEntry(editor, title, null);
                platform.submitAndPublish(editor, moderator, id);
                done.incrementAndGet();
                return id;
            }));
        }
        awaitUntil(Duration.ofSeconds(60), () -> done.get() >= 10, "the first writes of the burst");
        platform.stack.kafka().stop();
        List<String> ids = new ArrayList<>();
        for (Future<String> flow : flows) {
            ids.add(flow.get(120, TimeUnit.SECONDS)); // writes never depend on the broker: all succeed
        }
        writers.shutdown();
        long unsentWhileDown = platform.count(PlatformService.STOCKTAKING,
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
        platform.stack.kafka().start();

        String idList = sqlList(ids);
        awaitUntil(Duration.ofSeconds(120), () -> platform.count(PlatformService.PRIZES,
                "SELECT count(*) FROM eligible_entry WHERE entry_id::text IN (" + idList + ")") == entries,
                "all " + entries + " published entries in prizes after Kafka came back");

        // exactly once: one published event per entry in the outbox, each applied once by the consumer
        String eventIds = platform.stack.postgres().psql(PlatformService.STOCKTAKING.database(),
                "SELECT string_agg(quote_literal(id::text), ',') FROM outbox_event WHERE event_type = '"
                        + ENTRY_PUBLISHED + "' AND message_key IN (" + idList + ")").trim();
        assertEquals(entries, eventIds.split(",").length, "one entry-published event per entry");
        assertEquals(entries, platform.count(PlatformService.PRIZES,
                "SELECT count(*) FROM processed_event WHERE consumer = '" + PRIZES_CONSUMER + "' AND event_id IN (" + eventIds + ")"));
        awaitUntil(Duration.ofSeconds(60), () -> platform.count(PlatformService.STOCKTAKING,
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0, "outbox drained");
        System.out.printf("[fault 1] %d entries published, %d events waited in the outbox while Kafka was down;"
                + " all delivered, each applied once%n", entries, unsentWhileDown);
    }

    /** Fault 2: stocktaking is SIGKILLed mid-burst; clients that got 201 find their data, retries don't duplicate. */
    @Test
    @Order(2)
    void serviceKilledMidBurstKeepsEveryAcknowledgedWriteAndNoDuplicates() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int requests = 60;
        Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            int n = i;
            calls.add(clients.submit(() -> {
                try {
                    Response response = create(run, n);
                    if (response.statusCode() == 201) {
                        acknowledged.put(n, response.path("id"));
                    }
                } catch (RuntimeException connectionLost) {
                    // the service died under this request: the client saw no answer
                } finally {
                    answered.incrementAndGet();
                }
            }));
        }
        awaitUntil(Duration.ofSeconds(60), () -> answered.get() >= 15, "the first answers of the burst");
        platform.stack.service(PlatformService.STOCKTAKING).kill();
        for (Future<?> call : calls) {
            call.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();
        platform.stack.service(PlatformService.STOCKTAKING).restart();
        // the gateway's circuit for stocktaking opened while it was dead; it lets a trial through after its open period
        awaitUntil(Duration.ofSeconds(60), () -> platform.gateway().get("/api/stocktaking/v1/reference/action-lines").statusCode() == 200,
                "the gateway routes to the restarted stocktaking-service again");

        // every acknowledged write survived the crash
        acknowledged.forEach((n, id) -> platform.as(editor).get("/api/stocktaking/v1/entries/" + id)
                .then().statusCode(200).body("title", equalTo(title(run, n))));
        // retrying every request with its key: acknowledged ones replay the same entry, the rest are created now
        for (int n = 0; n < requests; n++) {
            Response retry = create(run, n);
            assertEquals(201, retry.statusCode(), "retry of request " + n + ": " + retry.asString());
            if (acknowledged.containsKey(n)) {
                assertEquals(acknowledged.get(n), retry.path("id"), "replayed id of request " + n);
                assertEquals("true", retry.header("Idempotent-Replayed"));
            }
        }
        assertEquals(requests, platform.count(PlatformService.STOCKTAKING,
                "SELECT count(*) FROM entry WHERE title LIKE 'Crash " + run + " %'"), "one entry per idempotency key");
        assertEquals(0, platform.count(PlatformService.STOCKTAKING,
                "SELECT count(*) FROM idempotency_key WHERE idempotency_key LIKE 'crash-" + run + "-%' AND response_status IS NULL"),
                "no key recorded without its response (no half-written request)");
        System.out.printf("[fault 2] %d creates, %d acknowledged before the SIGKILL; after restart all %d found,"
                + " %d retries replayed, no duplicates%n", requests, acknowledged.size(), acknowledged.size(), acknowledged.size());
    }

    private static Response create(String run, int n) {
        return platform.as(editor).contentType(ContentType.JSON).header("Idempotency-Key", "crash-" + run + "-" + n)
                .body(Platform.entryJson(title(run, n))).post("/api/stocktaking/v1/entries");
    }

    private static String title(String run, int n) {
        return "Crash " + run + " #" + n;
    }

    /** Fault 3: PostgreSQL restarts under load; services answer 503 problem+json meanwhile and recover by themselves. */
    @Test
    @Order(3)
    void postgresRestartGives503MeanwhileAndServicesRecoverWithoutRestart() {
        String id = platform.createEntry(editor, "Before the database restart", null);
        platform.stack.postgres().stop();
        int unavailable = 0;
        long slowest = 0;
        for (int i = 0; i < 10; i++) {
            long started = System.nanoTime();
            Response read = platform.as(editor).get("/api/stocktaking/v1/entries/" + id);
            Response write = platform.as(editor).contentType(ContentType.JSON).body(Platform.entryJson("During the outage"))
                    .post("/api/stocktaking/v1/entries");
            slowest = Math.max(slowest, (System.nanoTime() - started) / 2_000_000);
            for (Response response : List.of(read, write)) {
                assertEquals(503, response.statusCode(), response.asString());
                assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
                unavailable++;
            }
        }
        assertTrue(slowest < 6_000, "answers must not hang while the database is down; slowest " + slowest + " ms");
        platform.stack.postgres().start();
        awaitUntil(Duration.ofSeconds(60), () -> platform.as(editor).get("/api/stocktaking/v1/entries/" + id).statusCode() == 200,
                "stocktaking reads again after the restart");
        platform.createEntry(editor, "After the database restart", null);
        awaitUntil(Duration.ofSeconds(60), () -> platform.gateway().get("/api/prizes/v1/categories").statusCode() == 200,
                "prizes reads again after the restart");
        System.out.printf("[fault 3] %d requests during the outage, all 503 problem+json, slowest %d ms; recovered without restarts%n",
                unavailable, slowest);
    }

    /** Fault 5: an unreadable record goes to the dead-letter topic and the partition keeps flowing. */
    @Test
    @Order(4)
    void poisonMessageGoesToTheDeadLetterTopicAndTheConsumerKeepsFlowing() {
        String bootstrap = platform.stack.kafka().bootstrapServers();
        String poisonKey = "poison-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>("stocktaking.entries", poisonKey, "{ this is not a CloudEvent")).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce the poison message", e);
        }
        String id = platform.createEntry(editor, "After the poison message", null);
        platform.submitAndPublish(editor, moderator, id);
        awaitUntil(Duration.ofSeconds(60), () -> platform.gateway().get("/api/prizes/v1/eligible-entries/" + id).statusCode() == 200,
                "the entry published after the poison message reaches prizes");

        try (KafkaConsumer<String, String> deadLetters = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "fault-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            deadLetters.subscribe(List.of("prizes.dead-letter"));
            boolean found = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!found && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : deadLetters.poll(Duration.ofMillis(500))) {
                    found |= poisonKey.equals(record.key());
                }
            }
            assertTrue(found, "the poison message is on prizes.dead-letter");
        }
        System.out.println("[fault 5] poison record dead-lettered to prizes.dead-letter; the next event was consumed");
    }

    /** Fault 4: Keycloak stops; tokens already issued keep working, new logins and unknown keys fail cleanly. */
    @Test
    @Order(5)
    void keycloakStoppedValidTokensKeepWorkingNewLoginsFailCleanly() throws Exception {
        String token = platform.tokens.userToken("editor");
        platform.createEntry(token, "Before Keycloak stopped", null); // the services have the realm's keys now
        platform.stack.keycloak().stop();

        platform.createEntry(token, "While Keycloak is down", null);
        long started = System.nanoTime();
        assertThrows(StackException.class, () -> platform.tokens.userToken("editor"));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "a login attempt fails fast");

        started = System.nanoTime();
        platform.as(forgedToken()).contentType(ContentType.JSON).body(Platform.entryJson("Forged"))
                .post("/api/stocktaking/v1/entries")
                .then().statusCode(401).contentType("application/problem+json");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "an unknown key is refused fast");
        System.out.println("[fault 4] with Keycloak down: issued token accepted, login refused at once, token of an unknown key 401");
    }

    /** A well-formed JWT for the realm, signed by a key the realm never had. */
    private static String forgedToken() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"forged\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + platform.stack.keycloak().realmUrl() + "\",\"aud\":\"wsis-api\","
                + "\"sub\":\"intruder\",\"iat\":" + now + ",\"exp\":" + (now + 300)
                + ",\"realm_access\":{\"roles\":[\"stocktaking-editor\",\"platform-admin\"]}}").getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(signer.sign());
    }
}
