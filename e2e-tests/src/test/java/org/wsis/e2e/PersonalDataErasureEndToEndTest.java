package org.wsis.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.KafkaBroker;
import org.wsis.localstack.PlatformService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20 item 1, the test that says done: one person uses the instruments (a published stocktaking entry with
 * their contact details, which prizes copies as an eligible entry in their name; a forum registration and a session
 * proposal naming them), erases at one service through the gateway, waits for every service's confirmation (read at
 * another service), then searches every table of every service database (every row as text: text, arrays, jsonb),
 * every Kafka topic's records published since the erasure was asked, and the public APIs, for their name, e-mail
 * and subject; and lists what it searched. Indicators holds nothing of a citizen (only uploaders' subjects, see
 * indicators-service privacy/): its database is searched all the same.
 */
@Tag("integration")
class PersonalDataErasureEndToEndTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aPersonWhoUsedTheInstrumentsIsErasedEverywhere() {
        String username = "erasure-person-" + RUN;
        String name = "Ezra Quill" + RUN;
        String email = "ezra.quill." + RUN + "@example.org";
        String subject = TestPeople.create(username, "Ezra", "Quill" + RUN, email, "stocktaking-editor", "forum-participant");
        String token = SharedPlatform.tokens().userToken(username);
        String moderator = SharedPlatform.tokens().userToken("moderator");
        String organizer = SharedPlatform.tokens().userToken("organizer");

        // stocktaking: an entry with their public contact details, published
        String entry = as(token).contentType(ContentType.JSON).header("Idempotency-Key", "erasure-" + RUN).body("""
                        {"title": "Community radio %s", "description": "Run by %s; write to %s.", "organisation": "Radio Org %s",
                         "actionLines": ["C8"], "contactName": "%s", "contactEmail": "%s", "publicContact": true}"""
                        .formatted(RUN, name, email, RUN, name, email))
                .post("/api/stocktaking/v1/entries").then().statusCode(201).extract().path("id");
        as(token).post("/api/stocktaking/v1/entries/" + entry + "/submit").then().statusCode(200);
        as(moderator).post("/api/stocktaking/v1/entries/" + entry + "/publish").then().statusCode(200);
        SharedPlatform.gateway().get("/api/stocktaking/v1/entries/" + entry).then().body("contactEmail", equalTo(email));
        // prizes: the published entry becomes eligible, in their name (through stocktaking.entries)
        await("prizes copying the entry").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> count(PlatformService.PRIZES, "SELECT count(*) FROM eligible_entry WHERE owner_id = '" + subject + "'") == 1);
        // forum: a registration and a proposal naming them
        int year = freeForumYear(organizer);
        as(token).contentType(ContentType.JSON).body("""
                        {"attendance": "IN_PERSON", "fullName": "%s", "organisation": "Radio Org", "stakeholderType": "CIVIL_SOCIETY",
                         "country": "KEN", "consent": true}""".formatted(name))
                .post("/api/forum/v1/editions/" + year + "/registrations/me").then().statusCode(201);
        String proposal = as(token).contentType(ContentType.JSON).body("""
                        {"kind": "INTERACTIVE", "title": "Radio for all %s", "description": "Moderated by %s (%s).",
                         "actionLines": ["C8"], "speakers": ["%s"]}""".formatted(RUN, name, email, name))
                .post("/api/forum/v1/editions/" + year + "/proposals").then().statusCode(201).extract().path("id");
        List<String> needles = List.of(name, email, subject);
        // one archive of everything, from every service, through the gateway
        as(token).get("/api/me/personal-data").then().statusCode(200).header("Cache-Control", "no-store")
                .body("subject", equalTo(subject)).body("services.keySet()", org.hamcrest.Matchers.containsInAnyOrder(
                        "stocktaking", "prizes", "forum", "indicators"))
                .body("services.stocktaking.data.entries[0].entry.contactEmail", equalTo(email))
                .body("services.prizes.data.eligibleEntries[0].entryId", equalTo(entry))
                .body("services.forum.data.registrations[0].fullName", equalTo(name))
                .body("services.forum.consents.purpose", org.hamcrest.Matchers.hasItem("forum.registration"));
        SharedPlatform.gateway().get("/api/me/personal-data").then().statusCode(401);
        Map<String, Integer> before = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            before.put(service.key(), databaseHits(service, needles).values().stream().mapToInt(Integer::intValue).sum());
        }
        System.out.println("[erasure] before: rows naming the person, by database: " + before);
        assertTrue(before.get("stocktaking") > 0 && before.get("prizes") > 0 && before.get("forum") > 0, "the person used the instruments: " + before);

        Map<TopicPartition, Long> offsets = endOffsets();
        String erasure = as(token).post("/api/forum/v1/me/erasure").then().statusCode(202).extract().path("id");
        // the status, read at another service: every service confirms
        List<String> confirmed = await("every service confirming the erasure").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> as(token).get("/api/stocktaking/v1/me/erasure").then().statusCode(200).extract()
                        .<List<String>>path("find { it.id == '" + erasure + "' }.confirmations.service"), s -> s != null && s.size() == 4);
        System.out.println("[erasure] confirmed by " + confirmed);

        // every table of every service database
        int tables = 0;
        for (PlatformService service : PlatformService.values()) {
            Map<String, Integer> hits = databaseHits(service, needles);
            tables += hits.size();
            System.out.println("[erasure] searched database " + service.database() + ": " + hits.size() + " tables " + hits.keySet());
            hits.forEach((table, found) -> assertEquals(0, found, "the person is still in " + service.database() + "." + table));
        }
        // every Kafka topic's records published since the erasure was asked
        Map<String, List<String>> published = recordValuesSince(offsets);
        Map<String, Integer> records = new java.util.TreeMap<>();
        published.forEach((topic, values) -> records.put(topic, values.size()));
        System.out.println("[erasure] searched Kafka topics (records since the erasure): " + records);
        for (Map.Entry<String, List<String>> topic : published.entrySet()) {
            for (String value : topic.getValue()) {
                for (String needle : needles) {
                    assertTrue(!value.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT)),
                            needle + " in a record of " + topic.getKey() + ": " + value);
                }
            }
        }
        assertTrue(records.getOrDefault("forum.privacy", 0) >= 2, "the erasure's own events were read: " + records);
        // the public APIs
        List<String> publicReads = List.of("/api/stocktaking/v1/entries/" + entry, "/api/stocktaking/v1/search?q=" + RUN,
                "/api/forum/v1/editions/" + year + "/sessions", "/api/profiles/countries/KEN");
        for (String path : publicReads) {
            String body = SharedPlatform.gateway().get(path).then().statusCode(200).extract().asString();
            needles.forEach(needle -> assertTrue(!body.contains(needle), needle + " in " + path));
        }
        String proposalNow = as(organizer).get("/api/forum/v1/proposals/" + proposal).then().statusCode(200).extract().asString();
        needles.forEach(needle -> assertTrue(!proposalNow.contains(needle), needle + " in the proposal an organizer reads: " + proposalNow));
        System.out.println("[erasure] searched public reads " + publicReads + " and the organizer's view of the proposal");
        // what the platform now holds about them: their subject (it is their archive), nothing else of theirs
        String archive = as(token).get("/api/me/personal-data").then().statusCode(200).extract().asString();
        needles.stream().filter(n -> !n.equals(subject)).forEach(needle -> assertTrue(!archive.contains(needle), needle + " in " + archive));
        System.out.println("[erasure] " + tables + " tables in 4 databases, " + records.size() + " topics, " + publicReads.size()
                + " public reads: no " + needles);
    }

    private static RequestSpecification as(String token) {
        return SharedPlatform.gateway().auth().oauth2(token);
    }

    private static int freeForumYear(String organizer) {
        // forum editions are 2009-2100; other classes take years too
        for (int year = 2060 + (int) (Math.random() * 30); year <= 2100; year++) {
            int status = as(organizer).contentType(ContentType.JSON).body("""
                    {"year": %d, "title": "WSIS Forum %d", "startsOn": "%d-05-05", "endsOn": "%d-05-08", "venue": "Geneva", "hybrid": true}"""
                    .formatted(year, year, year, year)).post("/api/forum/v1/editions").statusCode();
            if (status == 201) {
                return year;
            }
            assertEquals(409, status, "creating the forum edition " + year);
        }
        throw new AssertionError("no free forum year in 2060-2100");
    }

    /** For each table of the service's database: rows that hold any needle (the whole row as text, case-insensitive). */
    private static Map<String, Integer> databaseHits(PlatformService service, List<String> needles) {
        String tables = SharedPlatform.stack().postgres().psql(service.database(), """
                SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE'""").trim();
        String condition = needles.stream().map(n -> "strpos(lower(CAST(t AS text)), '" + n.toLowerCase(Locale.ROOT).replace("'", "''") + "') > 0")
                .reduce((a, b) -> a + " OR " + b).orElseThrow();
        List<String> counts = new ArrayList<>();
        for (String table : tables.split(",")) {
            counts.add("SELECT '" + table + "', count(*) FROM \"" + table + "\" t WHERE " + condition);
        }
        Map<String, Integer> hits = new LinkedHashMap<>();
        for (String line : SharedPlatform.stack().postgres().psql(service.database(), String.join(" UNION ALL ", counts)).split("\n")) {
            if (!line.isBlank()) {
                String[] cells = line.split("\\|");
                hits.put(cells[0], Integer.parseInt(cells[1].trim()));
            }
        }
        return hits;
    }

    private static long count(PlatformService service, String sql) {
        return Long.parseLong(SharedPlatform.stack().postgres().psql(service.database(), sql).trim());
    }

    private static KafkaConsumer<String, String> consumer() {
        Map<String, Object> config = new HashMap<>(SharedPlatform.stack().kafka().clientConfig(KafkaBroker.ADMIN));
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", StringDeserializer.class.getName());
        config.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(config);
    }

    /** The end of every partition of every topic (internal ones aside) now. */
    private static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics(Duration.ofSeconds(20)).forEach((topic, infos) -> {
                if (!topic.startsWith("__")) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            });
            return consumer.endOffsets(partitions, Duration.ofSeconds(20));
        }
    }

    /** Every record value published since {@code offsets}, by topic (topics created since included, from their start). */
    private static Map<String, List<String>> recordValuesSince(Map<TopicPartition, Long> offsets) {
        Map<String, List<String>> values = new java.util.TreeMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics(Duration.ofSeconds(20)).forEach((topic, infos) -> {
                if (!topic.startsWith("__")) {
                    values.put(topic, new ArrayList<>());
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            });
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(20));
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, offsets.getOrDefault(p, 0L)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.get(record.topic()).add(record.value() == null ? "" : record.value());
                }
            }
        }
        return values;
    }
}
