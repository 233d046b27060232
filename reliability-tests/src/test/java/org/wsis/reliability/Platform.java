package org.wsis.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.wsis.localstack.KafkaBroker;
import org.wsis.localstack.PlatformService;
import org.wsis.localstack.PlatformStack;
import org.wsis.localstack.testing.RealmTokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

/** The whole platform as processes on random loopback ports, and the small helpers the suites share. */
final class Platform implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final PlatformStack stack;
    final RealmTokens tokens;

    private Platform(PlatformStack stack) {
        this.stack = stack;
        this.tokens = new RealmTokens(stack.keycloak().realmUrl());
    }

    static Platform start(String name) {
        return start(name, Map.of());
    }

    /** @param extraConfig system properties for every service and the gateway (e.g. shorter timers for a fault test) */
    static Platform start(String name, Map<String, String> extraConfig) {
        Path workDir = Path.of("target", name).toAbsolutePath();
        Map<String, String> config = new LinkedHashMap<>();
        // The suite's prize editions (years 2080+) are rehearsals: their dates may be moved after voting
        // opened (to reach the results phase without waiting), which prizes-service refuses for real contests.
        config.put("prizes.editions.rehearsal-from-year", "2080");
        config.putAll(extraConfig);
        return new Platform(PlatformStack.start(new PlatformStack.Options(workDir, null, false, true,
                EnumSet.allOf(PlatformService.class), true, config)));
    }

    /** A token of the local Keycloak's master admin (KeycloakServer's bootstrap admin: local runs only). */
    String keycloakAdminToken() {
        return given().formParams(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", "admin", "password", "admin"))
                .post(stack.keycloak().url() + "/realms/master/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
    }

    /**
     * A new user of the wsis realm with the realm roles of an existing test user (password = user name, like the
     * realm's test users), created through Keycloak's admin API unless it exists; returns its token.
     */
    String userLike(String existing, String username) {
        String admin = keycloakAdminToken();
        String users = stack.keycloak().url() + "/admin/realms/wsis/users";
        if (given().auth().oauth2(admin).queryParam("username", username).queryParam("exact", true).get(users)
                .then().statusCode(200).extract().jsonPath().getList("$").isEmpty()) {
            String location = given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                    {"username": "%1$s", "enabled": true, "email": "%1$s@example.org", "emailVerified": true,
                     "firstName": "Reliability", "lastName": "Suite",
                     "credentials": [{"type": "password", "value": "%1$s", "temporary": false}]}""".formatted(username))
                    .post(users).then().statusCode(201).extract().header("Location");
            String model = given().auth().oauth2(admin).queryParam("username", existing).queryParam("exact", true)
                    .get(users).then().statusCode(200).extract().path("[0].id");
            String roles = given().auth().oauth2(admin).get(users + "/" + model + "/role-mappings/realm")
                    .then().statusCode(200).extract().asString();
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(roles)
                    .post(location + "/role-mappings/realm").then().statusCode(204);
        }
        return tokens.userToken(username);
    }

    RequestSpecification gateway() {
        return given().baseUri(stack.gateway().url());
    }

    RequestSpecification as(String token) {
        return gateway().auth().oauth2(token);
    }

    /** Creates a stocktaking entry as the given editor and returns its id. */
    String createEntry(String token, String title, String idempotencyKey) {
        RequestSpecification request = as(token).contentType(ContentType.JSON).body(entryJson(title));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/stocktaking/v1/entries").then().statusCode(201).extract().path("id");
    }

    static String entryJson(String title) {
        return """
                {"title": "%s", "description": "Fault-test entry.", "organisation": "WSIS reliability suite",
                 "actionLines": ["C2"]}""".formatted(title);
    }

    void submitAndPublish(String editor, String moderator, String id) {
        as(editor).post("/api/stocktaking/v1/entries/" + id + "/submit").then().statusCode(200);
        as(moderator).post("/api/stocktaking/v1/entries/" + id + "/publish").then().statusCode(200);
    }

    /** The realm's users that can sign in with a password (password = user name), {@code visitor} included. */
    static final List<String> USERS = List.of("editor", "editor2", "moderator", "prize-admin", "reviewer", "voter",
            "organizer", "participant", "statistician", "admin", "visitor");
    /**
     * The realm's prize voters: people with prize-voter, a verified e-mail and an account created in 2020
     * (deploy/keycloak/wsis-realm.json), so older than any edition's voting. Only they may vote.
     */
    static final List<String> PRIZE_VOTERS = List.of("voter", "voter01", "voter02", "voter03", "voter04", "voter05",
            "voter06", "voter07", "voter08", "voter09", "voter10", "voter11", "voter12", "voter13", "voter14");
    /** The agency clients: their service accounts are distinct token subjects too. */
    static final List<String> AGENCY_CLIENTS = List.of("agency-itu", "agency-unesco", "agency-undesa", "agency-unctad");

    /**
     * A token for every distinct subject the realm offers (15: 11 users and 4 agency service
     * accounts), by name. Voting and forum registration only need a signed-in caller, and both are
     * "one per person" (per category, per edition), so this is how many people a test can be.
     */
    Map<String, String> everyIdentity() {
        Map<String, String> tokens = new LinkedHashMap<>();
        USERS.forEach(user -> tokens.put(user, this.tokens.userToken(user)));
        AGENCY_CLIENTS.forEach(client -> tokens.put(client, this.tokens.agencyToken(client)));
        return tokens;
    }

    /** A token for each of the realm's 15 prize voters, by user name (one person, one vote per category). */
    Map<String, String> prizeVoters() {
        Map<String, String> tokens = new LinkedHashMap<>();
        PRIZE_VOTERS.forEach(user -> tokens.put(user, this.tokens.userToken(user)));
        return tokens;
    }

    /** Creates a forum edition (hybrid, so remote registrations are allowed) as the organizer. */
    void createForumEdition(String organizer, int year) {
        as(organizer).contentType(ContentType.JSON).body("""
                {"year": %1$d, "title": "WSIS Forum %1$d (reliability suite)", "startsOn": "%1$d-07-07",
                 "endsOn": "%1$d-07-10", "venue": "Geneva", "hybrid": true}""".formatted(year))
                .post("/api/forum/v1/editions").then().statusCode(201);
    }

    /** Registers the caller for a forum edition. */
    Response registerForForum(String token, int year, String fullName) {
        return as(token).contentType(ContentType.JSON).body(registrationJson(fullName))
                .post("/api/forum/v1/editions/" + year + "/registrations/me");
    }

    static String registrationJson(String fullName) {
        return """
                {"attendance": "REMOTE", "fullName": "%s", "organisation": "WSIS reliability suite",
                 "stakeholderType": "CIVIL_SOCIETY", "country": "CHE", "consent": true}""".formatted(fullName);
    }

    /**
     * Every record on a topic from its beginning to its current end (plain KafkaConsumer, no group
     * offsets), as parsed CloudEvents.
     */
    List<JsonNode> recordsOn(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafkaClient(KafkaBroker.ADMIN, Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<JsonNode> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    fail("could not read " + topic + " to its end offsets " + end);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(JSON.readTree(record.value()));
                }
            }
            return records;
        } catch (java.io.IOException e) {
            throw new AssertionError("unreadable record on " + topic, e);
        }
    }

    /**
     * The configuration of a Kafka client signed in as {@code user} (the bus is authenticated: a
     * service's user, e.g. {@code stocktaking-service}, or {@link KafkaBroker#ADMIN}), plus {@code extra}.
     */
    Map<String, Object> kafkaClient(String user, Map<String, ?> extra) {
        Map<String, Object> config = new LinkedHashMap<>(stack.kafka().clientConfig(user));
        config.putAll(extra);
        return config;
    }

    /** A single number from SQL run in a service's database. */
    long count(PlatformService service, String sql) {
        return Long.parseLong(stack.postgres().psql(service.database(), sql).trim());
    }

    static String sqlList(Collection<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(","));
    }

    static void awaitUntil(Duration timeout, BooleanSupplier condition, String what) {
        org.awaitility.Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            try {
                return condition.getAsBoolean();
            } catch (RuntimeException | AssertionError notYet) {
                return false; // the condition may fail while a component recovers; keep polling until the deadline
            }
        });
    }

    @Override
    public void close() {
        stack.close();
    }

    /** Sends again after the Retry-After of a 429 (rate limits of the gateway, voting, entry writes), a few times. */
    static Response retryOn429(java.util.function.Supplier<Response> request) {
        Response response = request.get();
        for (int attempt = 0; attempt < 10 && response.statusCode() == 429; attempt++) {
            String retryAfter = response.header("Retry-After");
            try {
                Thread.sleep(1000L * (retryAfter == null ? 1 : Math.max(1, Integer.parseInt(retryAfter.trim()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
            response = request.get();
        }
        return response;
    }
}
