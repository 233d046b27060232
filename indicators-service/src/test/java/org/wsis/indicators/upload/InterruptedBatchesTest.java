package org.wsis.indicators.upload;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A batch whose job died with its instance is given up; one a live job holds, or that just arrived, is not. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class InterruptedBatchesTest {
    @Inject
    EntityManager entityManager;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    InterruptedBatches interrupted;
    @Inject
    BatchStore store;

    @Test
    @TestSecurity(user = "svc-itu", roles = "indicator-publisher", attributes = @SecurityAttribute(key = "agency", value = "ITU"))
    void batchesLeftBehindByADeadJobAreFailedAndLiveOnesAreLeftAlone() throws Exception {
        UUID orphan = insertBatch("PUBLISHING", "now()");
        UUID running = insertBatch("VALIDATING", "now()");
        UUID justArrived = insertBatch("RECEIVED", "now()");
        UUID stuckInQueue = insertBatch("RECEIVED", "now() - interval '3 hours'");
        try (Connection liveJob = dataSource.getConnection()) {
            liveJob.setAutoCommit(false);
            // what BatchPublisher's transaction holds while it works on a batch
            try (PreparedStatement lock = liveJob.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                lock.setInt(1, InterruptedBatches.LOCK_CLASS);
                lock.setInt(2, running.hashCode());
                lock.execute();
            }
            assertTrue(interrupted.failInterrupted() >= 2);
            assertEquals("FAILED", status(orphan));
            assertEquals("FAILED", status(stuckInQueue));
            assertEquals("VALIDATING", status(running));
            assertEquals("RECEIVED", status(justArrived));
            liveJob.rollback(); // the job dies: its lock goes with it
        }
        interrupted.failInterrupted();
        assertEquals("FAILED", status(running));
        assertEquals("RECEIVED", status(justArrived));
        given().get("/api/v1/batches/" + orphan).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("failure", equalTo(InterruptedBatches.REASON));
    }

    @Test
    @TestSecurity(user = "svc-itu", roles = "indicator-publisher", attributes = @SecurityAttribute(key = "agency", value = "ITU"))
    void aBatchGivenUpBeforeItsJobStartsIsNotProcessedAfterwards() {
        UUID batch = insertBatch("FAILED", "now()");
        assertEquals(false, store.claim(batch));
        assertEquals("FAILED", status(batch));
    }

    private UUID insertBatch(String status, String receivedAt) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "INSERT INTO batch (id, provider, submitted_by, format, status, received_at) VALUES (?1, 'ITU', 'svc-itu', 'CSV', ?2, "
                                + receivedAt + ")")
                .setParameter(1, id).setParameter(2, status).executeUpdate());
        return id;
    }

    private String status(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery("SELECT status FROM batch WHERE id = ?1")
                .setParameter(1, id).getSingleResult());
    }
}
