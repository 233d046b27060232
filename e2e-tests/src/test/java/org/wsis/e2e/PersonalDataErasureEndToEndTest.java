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
import org.wsis.localstack.testing.PrizeTexts;

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
 * Issue 20 item 1, the test that says done: one person uses all four instruments (a published stocktaking entry with
 * their contact details, which prizes copies as an eligible entry in their name; a prize submission of that entry, a
 * vote for it as a prize voter whose account predates the voting; a forum registration and a session proposal naming
 * them; an indicators batch they uploaded as ITU staff), erases at one service through the gateway, waits for every
 * service's confirmation (read at another service), then searches every table of every service database (every row
 * as text: text, arrays, jsonb), every Kafka topic's records published since the erasure was asked, and the public
 * APIs, for their name, e-mail and subject; and lists what it searched. Their vote stays, under a pseudonym, and the
 * tallies do not move.
 */
@Tag("integration")
class PersonalDataErasureEndToEndTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aPersonWhoUsedTheInstrumentsIsErasedEverywhere() {
        SharedPlatform.gateway(); // the platform up first: what this test takes is reported without its start
        long started = System.nanoTime();
        String username = "erasure-person-" + RUN;
        String name = "Ezra Quill" + RUN;
        String email = "ezra.quill." + RUN + "@example.org";
        // a statistician of ITU (the agency attribute, as the realm's statistician has) who also writes entries, votes and goes to the forum
        String subject = TestPeople.create(username, "Ezra", "Quill" + RUN, email, Map.of("agency", List.of("ITU")),
                "stocktaking-editor", "forum-participant", "prize-voter", "indicator-publisher");
        String token = SharedPlatform.tokens().userToken(username);
        String moderator = SharedPlatform.tokens().userToken("moderator");
        String organizer = SharedPlatform.tokens().userToken("organizer");
        String prizeAdmin = SharedPlatform.tokens().userToken("prize-admin");

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
        // prizes: they submit the entry to a rehearsal edition (its dates move on the real clock), it is nominated, and
        // they vote for it once voting opens: after their account was created, so they are an eligible voter
        String edition = "/api/prizes/v1/editions/" + freeRehearsalYear();
        as(prizeAdmin).contentType(ContentType.JSON).body(prizeDates(1)).put(edition).then().statusCode(201).body("phase", equalTo("SUBMISSION"));
        String submission = as(token).contentType(ContentType.JSON)
                .body(Map.of("entryId", entry, "category", "C8", "summary", PrizeTexts.SHORT_DESCRIPTION))
                .post(edition + "/submissions").then().statusCode(201).extract().path("id");
        movePrizeEdition(prizeAdmin, edition, 3, "NOMINATION");
        as(prizeAdmin).put(edition + "/nominees/" + submission).then().statusCode(200);
        as(prizeAdmin).post(edition + "/nominees/announce").then().statusCode(200);
        movePrizeEdition(prizeAdmin, edition, 4, "VOTING");
        as(token).contentType(ContentType.JSON).header("Idempotency-Key", "erasure-vote-" + RUN).body(Map.of("submissionId", submission))
                .post(edition + "/votes").then().statusCode(201);
        as(token).get(edition + "/votes/mine").then().statusCode(200).body("submissionId", org.hamcrest.Matchers.hasItem(submission));
        Map<String, Long> talliesBefore = tallies(prizeAdmin, edition);
        assertEquals(1L, talliesBefore.get(submission), "their vote counted: " + talliesBefore);
        // indicators: a batch they upload as ITU staff (kept, with who uploaded it)
        String batch = as(token).contentType("text/csv").header("Idempotency-Key", "erasure-batch-" + RUN)
                .body("indicator,economy,period,value,sex,age,urbanisation,status,note\nIT_USE_ii99,KEN,1998,1.5,_T,_T,_T,E,\n")
                .post("/api/indicators/v1/batches").then().statusCode(201).extract().path("id");
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
                .body("services.prizes.data.submissions[0].id", equalTo(submission))
                .body("services.prizes.data.votes[0].submissionId", equalTo(submission))
                .body("services.prizes.consents.purpose", org.hamcrest.Matchers.hasItems("prizes.vote", "prizes.submission"))
                .body("services.indicators.data.batchesUploaded[0].id", equalTo(batch))
                .body("services.forum.data.registrations[0].fullName", equalTo(name))
                .body("services.forum.consents.purpose", org.hamcrest.Matchers.hasItem("forum.registration"));
        SharedPlatform.gateway().get("/api/me/personal-data").then().statusCode(401);
        Map<String, Integer> before = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            before.put(service.key(), databaseHits(service, needles).values().stream().mapToInt(Integer::intValue).sum());
        }
        System.out.println("[erasure] before: rows naming the person, by database: " + before);
        before.forEach((database, rows) -> assertTrue(rows > 0, "the person used every instrument, " + database + " too: " + before));

        Map<TopicPartition, Long> offsets = endOffsets();
        String erasure = as(token).post("/api/forum/v1/me/erasure").then().statusCode(202).extract().path("id");
        // the status, read at another service: every service confirms
        List<String> confirmed = await("every service confirming the erasure").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> as(token).get("/api/stocktaking/v1/me/erasure").then().statusCode(200).extract()
                        .<List<String>>path("find { it.id == '" + erasure + "' }.confirmations.service"), s -> s != null && s.size() == 4);
        System.out.println("[erasure] confirmed by " + confirmed);

        // prizes: the vote stays under a pseudonym, one per erasure, the tallies do not move, and the voter no longer has it
        assertEquals(talliesBefore, tallies(prizeAdmin, edition), "tallies after the erasure");
        String voter = SharedPlatform.stack().postgres().psql(PlatformService.PRIZES.database(), "SELECT string_agg(voter_id, ',') FROM vote WHERE submission_id = '"
                + submission + "'").trim();
        assertTrue(voter.matches("erased:[0-9a-f-]{36}"), "the one vote for their submission, under a pseudonym: " + voter);
        assertEquals(1, count(PlatformService.PRIZES, "SELECT count(*) FROM submission WHERE id = '" + submission + "' AND owner_id = '" + voter + "'"),
                "their submission, under the same erasure's pseudonym");
        as(token).get(edition + "/votes/mine").then().statusCode(200).body("size()", equalTo(0));
        // indicators: the batch stays (an agency's data), its uploader a pseudonym
        assertTrue(SharedPlatform.stack().postgres().psql(PlatformService.INDICATORS.database(), "SELECT submitted_by FROM batch WHERE id = '"
                + batch + "'").trim().startsWith("erased:"), "the batch's uploader is a pseudonym");

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
                + " public reads: no " + needles + "; votes kept under a pseudonym, tallies unchanged " + talliesBefore
                + "; " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s without the platform's start");
    }

    private static RequestSpecification as(String token) {
        return SharedPlatform.gateway().auth().oauth2(token);
    }

    /** Prize editions from 3000 on are rehearsals (prizes.editions.rehearsal-from-year): their dates may move freely. */
    private static int freeRehearsalYear() {
        int year = 3000 + new java.util.Random().nextInt(5000);
        while (SharedPlatform.gateway().get("/api/prizes/v1/editions/" + year).statusCode() == 200) {
            year++;
        }
        return year;
    }

    /**
     * Dates that put now in phase n (1 submission ... 5 results). Voting opens now (a second ago), not a day ago: a
     * voter's account must be older than the opening (prizes' voterAccountsBefore defaults to votingOpens), and this
     * person's account was created at the start of the test.
     */
    private static Map<String, Object> prizeDates(int phase) {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).withNano(0).minusSeconds(1);
        String[] names = {"submissionOpens", "reviewOpens", "nominationOpens", "votingOpens", "resultsOpen"};
        Map<String, Object> dates = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            dates.put(names[i - 1], i <= phase ? now.minusDays(phase - i) : now.plusDays((i - phase) * 10L));
        }
        dates.put("changeReason", "the erasure test moves its rehearsal edition to phase " + phase);
        return dates;
    }

    private static void movePrizeEdition(String prizeAdmin, String edition, int phase, String expected) {
        String etag = SharedPlatform.gateway().get(edition).then().statusCode(200).extract().header("ETag");
        as(prizeAdmin).contentType(ContentType.JSON).header("If-Match", etag).body(prizeDates(phase)).put(edition)
                .then().statusCode(200).body("phase", equalTo(expected));
    }

    /** Votes received per nominee, as a prize admin reads them while voting. */
    private static Map<String, Long> tallies(String prizeAdmin, String edition) {
        List<Map<String, Object>> rows = as(prizeAdmin).get(edition + "/tallies").then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Long> tallies = new java.util.TreeMap<>();
        rows.forEach(row -> tallies.put((String) row.get("submissionId"), ((Number) row.get("votes")).longValue()));
        return tallies;
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
