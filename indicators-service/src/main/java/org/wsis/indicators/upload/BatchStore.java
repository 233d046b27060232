package org.wsis.indicators.upload;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.wsis.commons.problem.ProblemException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The batch rows: created when an upload arrives, progress written in short transactions of
 * their own (so a poller sees it while the long publish transaction is still open).
 */
@ApplicationScoped
public class BatchStore {

    public record BatchError(int line, String field, String message) {
    }

    public record BatchView(UUID id, String provider, String format, BatchStatus status, OffsetDateTime receivedAt,
                            @Schema(nullable = true) OffsetDateTime publishedAt, @Schema(nullable = true) OffsetDateTime finishedAt, int stagedRows, int rowCount,
                            int changedCount, int unchangedCount, int errorCount, List<String> indicators,
                            @Schema(nullable = true) Integer periodFrom, @Schema(nullable = true) Integer periodTo, @Schema(nullable = true) String failure) {
        public boolean finished() {
            return status.finished();
        }
    }

    private final EntityManager entityManager;

    public BatchStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public UUID create(String agency, String subject, UploadFormat format) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO batch (id, provider, submitted_by, format, status) VALUES (?1, ?2, ?3, ?4, 'RECEIVED')""")
                .setParameter(1, id).setParameter(2, agency).setParameter(3, subject).setParameter(4, format.name())
                .executeUpdate());
        return id;
    }

    public void progress(UUID id, BatchStatus status, int stagedRows) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE batch SET status = ?1, staged_rows = ?2 WHERE id = ?3")
                .setParameter(1, status.name()).setParameter(2, stagedRows).setParameter(3, id).executeUpdate());
    }

    public void finish(UUID id, BatchStatus status, String failure) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE batch SET status = ?1, failure = ?2, finished_at = now() WHERE id = ?3")
                .setParameter(1, status.name()).setParameter(2, failure).setParameter(3, id).executeUpdate());
    }

    /** The batch as its provider (or a platform admin, agency null) may see it. */
    public BatchView find(UUID id, String agency) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = QuarkusTransaction.requiringNew().call(() -> (List<Tuple>) entityManager.createNativeQuery("""
                        SELECT id, provider, format, status, received_at, published_at, finished_at, staged_rows, row_count,
                               changed_count, unchanged_count, error_count, indicators, period_from, period_to, failure
                        FROM batch WHERE id = ?1""", Tuple.class)
                .setParameter(1, id).getResultList());
        if (rows.isEmpty() || (agency != null && !agency.equals(rows.get(0).get(1, String.class)))) {
            throw ProblemException.notFound("Batch", id);
        }
        Tuple t = rows.get(0);
        Object indicators = t.get(12);
        List<String> codes = indicators instanceof String[] array ? Arrays.asList(array) : List.of();
        return new BatchView(t.get(0, UUID.class), t.get(1, String.class), t.get(2, String.class), BatchStatus.valueOf(t.get(3, String.class)),
                time(t.get(4)), time(t.get(5)), time(t.get(6)), number(t.get(7)), number(t.get(8)), number(t.get(9)),
                number(t.get(10)), number(t.get(11)), codes, (Integer) t.get(13), (Integer) t.get(14), t.get(15, String.class));
    }

    public List<BatchError> errors(UUID id, int offset, int limit) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = QuarkusTransaction.requiringNew().call(() -> (List<Tuple>) entityManager.createNativeQuery("""
                        SELECT line, field, message FROM batch_error WHERE batch_id = ?1 ORDER BY line, field LIMIT ?2 OFFSET ?3""", Tuple.class)
                .setParameter(1, id).setParameter(2, limit).setParameter(3, offset).getResultList());
        return rows.stream().map(t -> new BatchError(number(t.get(0)), t.get(1, String.class), t.get(2, String.class))).toList();
    }

    private static int number(Object value) {
        return value == null ? 0 : ((Number) value).intValue();
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected time type " + value.getClass());
    }
}
