package org.wsis.reliability;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.wsis.localstack.PlatformService;
import org.wsis.localstack.PlatformStack;
import org.wsis.localstack.testing.RealmTokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

/** The whole platform as processes on random loopback ports, and the small helpers the suites share. */
final class Platform implements AutoCloseable {
    final PlatformStack stack;
    final RealmTokens tokens;

    private Platform(PlatformStack stack) {
        this.stack = stack;
        this.tokens = new RealmTokens(stack.keycloak().realmUrl());
    }

    static Platform start(String name) {
        Path workDir = Path.of("target", name).toAbsolutePath();
        return new Platform(PlatformStack.start(new PlatformStack.Options(workDir, null, false, true,
                EnumSet.allOf(PlatformService.class), true)));
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

    /** A single number from SQL run in a service's database. */
    long count(PlatformService service, String sql) {
        return Long.parseLong(stack.postgres().psql(service.database(), sql).trim());
    }

    static String sqlList(Collection<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(","));
    }

    static void awaitUntil(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException | AssertionError notYet) {
                // the condition may fail while a component recovers; keep polling until the deadline
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for: " + what);
            }
        }
        fail("not within " + timeout.toSeconds() + " s: " + what);
    }

    @Override
    public void close() {
        stack.close();
    }
}
