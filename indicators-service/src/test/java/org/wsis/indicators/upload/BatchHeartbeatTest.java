package org.wsis.indicators.upload;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.time.Duration;
import java.util.UUID;

import static org.wsis.indicators.testing.AgencyTokens.asItu;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A batch whose instance died (SIGKILL mid-job) used to stay VALIDATING forever. Unfinished batches
 * carry a heartbeat from the instance working on them; the reaper fails those nobody touches.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class BatchHeartbeatTest {

    @Inject
    EntityManager entityManager;

    @Inject
    BatchHeartbeat heartbeat;

    @Test
    void abandonedBatchesAreFailedAndLiveOnesAreLeftAlone() {
        UUID abandoned = batch("VALIDATING", "10 minutes");
        UUID queuedAndAbandoned = batch("RECEIVED", "10 minutes");
        UUID alive = batch("PUBLISHING", "5 seconds");
        UUID keptAliveHere = batch("VALIDATING", "10 minutes");
        UUID finished = batch("PUBLISHED", "10 minutes");

        heartbeat.working(keptAliveHere);
        heartbeat.beat(); // this instance touches what it works on
        heartbeat.done(keptAliveHere);
        assertEquals(2, heartbeat.reapOlderThan(Duration.ofMinutes(2)));

        for (UUID id : new UUID[]{abandoned, queuedAndAbandoned}) {
            asItu().get("/api/v1/batches/" + id).then().statusCode(200)
                    .body("status", equalTo("FAILED")).body("failure", equalTo(BatchHeartbeat.ABANDONED));
        }
        asItu().get("/api/v1/batches/" + alive).then().statusCode(200).body("status", equalTo("PUBLISHING"));
        asItu().get("/api/v1/batches/" + keptAliveHere).then().statusCode(200).body("status", equalTo("VALIDATING"));
        asItu().get("/api/v1/batches/" + finished).then().statusCode(200).body("status", equalTo("PUBLISHED"));
        assertEquals(0, heartbeat.reapOlderThan(Duration.ofMinutes(2)), "reaping twice changes nothing");
    }

    @Test
    void anUploadIsKeptAliveOnlyUntilItIsFinished() {
        String id = asItu().contentType("text/csv").body("indicator,economy,period,value\nIT_MOB_NTWK,TUV,2091,12.5\n")
                .post("/api/v1/batches").then().statusCode(201).body("status", equalTo("PUBLISHED")).extract().path("id");
        assertFalse(heartbeat.isWorkingOn(UUID.fromString(id)));
    }

    private UUID batch(String status, String lastHeartbeatAgo) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO batch (id, provider, submitted_by, format, status, heartbeat_at)
                        VALUES (?1, 'ITU', 'heartbeat-test', 'CSV', ?2, now() - CAST(?3 AS interval))""")
                .setParameter(1, id).setParameter(2, status).setParameter(3, lastHeartbeatAgo).executeUpdate());
        return id;
    }
}
