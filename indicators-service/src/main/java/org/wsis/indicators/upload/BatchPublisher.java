package org.wsis.indicators.upload;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.wsis.commons.events.Outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Validates and publishes one batch, set-based: rows are streamed with COPY into a temporary
 * staging table, checked with SQL joins against the code tables (every bad row gets a
 * batch_error), and only if none is bad, new vintages are inserted and the previous ones
 * superseded, in one transaction together with the outbox event.
 */
@ApplicationScoped
public class BatchPublisher {
    private static final Logger LOG = Logger.getLogger(BatchPublisher.class);
    public static final String TOPIC = "indicators.releases";
    public static final String EVENT_TYPE = "org.wsis.indicators.batch.published.v1";
    /**
     * Publishes take this advisory lock exclusively so observation ids (the change-feed cursor) grow in
     * commit order and published_at stamps too; updatedAfter/asOf readers take it shared (ObservationStore).
     */
    private static final long PUBLISH_LOCK = org.wsis.indicators.observation.ObservationStore.PUBLISH_LOCK;
    private static final int PROGRESS_EVERY_ROWS = 50_000;
    private static final int TRANSACTION_TIMEOUT_SECONDS = 1800;

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final BatchStore store;

    public BatchPublisher(EntityManager entityManager, Outbox outbox, BatchStore store) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.store = store;
    }

    /** Runs the whole pipeline for a RECEIVED batch; the batch row records the outcome. */
    public void process(UUID batchId, String agency, UploadFormat format, InputStream body) {
        try {
            QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_SECONDS)
                    .run(() -> entityManager.unwrap(Session.class).doWork(connection -> {
                        try {
                            stageValidateAndPublish(connection, batchId, agency, format, body);
                        } catch (IOException e) {
                            throw new SQLException("Reading the upload failed: " + e.getMessage(), e);
                        }
                    }));
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof RowReader.MalformedUpload malformed) {
                    store.finish(batchId, BatchStatus.REJECTED, malformed.getMessage());
                    throw malformed;
                }
            }
            LOG.errorf(e, "Batch %s failed", batchId);
            store.finish(batchId, BatchStatus.FAILED, "Internal error while publishing; nothing was published");
            throw e;
        }
    }

    private void stageValidateAndPublish(Connection connection, UUID batchId, String agency, UploadFormat format,
                                         InputStream body) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TEMP TABLE staging (line INT NOT NULL, indicator TEXT, economy TEXT, sex TEXT, age TEXT,
                        urbanisation TEXT, period TEXT, value TEXT, status TEXT, note TEXT) ON COMMIT DROP""");
            statement.execute("CREATE TEMP TABLE reader_error (line INT, field TEXT, message TEXT) ON COMMIT DROP");
        }
        store.progress(batchId, BatchStatus.VALIDATING, 0);
        long started = System.nanoTime();
        int staged = stage(connection, batchId, format, body);
        long stagedAt = System.nanoTime();
        store.progress(batchId, BatchStatus.VALIDATING, staged);
        try (Statement statement = connection.createStatement()) {
            // an economy may be named by its UN M49 code (404 = KEN): stored under its code
            statement.execute("UPDATE staging s SET economy = e.code FROM economy e WHERE s.economy = e.m49");
        }
        // and a country by alpha-2 (KE), a region by the platform's code (AFR): the one vocabulary's aliases
        try (java.sql.PreparedStatement aliases = connection.prepareStatement(
                "UPDATE staging s SET economy = a.code FROM unnest(?::text[], ?::text[]) AS a(alias, code) WHERE s.economy = a.alias")) {
            java.util.Map<String, String> known = org.wsis.indicators.observation.EconomyCodes.aliases();
            aliases.setArray(1, connection.createArrayOf("text", known.keySet().toArray()));
            aliases.setArray(2, connection.createArrayOf("text", known.values().toArray()));
            aliases.executeUpdate();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE staging");   // temp tables get no statistics otherwise: the joins below need them
        }

        int errors = validate(connection, batchId, agency);
        long validatedAt = System.nanoTime();
        LOG.infof("Batch %s: %d rows staged in %d ms, validated in %d ms, %d error(s)", batchId, staged,
                (stagedAt - started) / 1_000_000, (validatedAt - stagedAt) / 1_000_000, errors);
        if (errors > 0) {
            finishRejected(connection, batchId, staged, errors);
            return;
        }
        if (staged == 0) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO batch_error (batch_id, line, field, message) VALUES (?, 1, 'body', 'The upload holds no observations')")) {
                insert.setObject(1, batchId);
                insert.executeUpdate();
            }
            finishRejected(connection, batchId, 0, 1);
            return;
        }
        store.progress(batchId, BatchStatus.PUBLISHING, staged);
        publish(connection, batchId, agency, staged);
        LOG.infof("Batch %s: published in %d ms", batchId, (System.nanoTime() - validatedAt) / 1_000_000);
    }

    /** Streams the body through {@link RowReader} into COPY ... FROM STDIN (CSV). */
    private int stage(Connection connection, UUID batchId, UploadFormat format, InputStream body) throws SQLException, IOException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        CopyIn rows = pg.getCopyAPI().copyIn("COPY staging (line, indicator, economy, sex, age, urbanisation, period, value, status, note) FROM STDIN WITH (FORMAT csv)");
        List<String[]> readerErrors = new ArrayList<>();
        int[] count = {0};
        try {
            StringBuilder buffer = new StringBuilder(1 << 17);
            RowReader.read(format, body, new RowReader.Sink() {
                @Override
                public void row(int line, String[] values) {
                    buffer.append(line);
                    for (String value : values) {
                        buffer.append(',');
                        appendCsv(buffer, value);
                    }
                    buffer.append('\n');
                    if (buffer.length() > (1 << 16)) {
                        flush(rows, buffer);
                    }
                    if (++count[0] % PROGRESS_EVERY_ROWS == 0) {
                        store.progress(batchId, BatchStatus.VALIDATING, count[0]);
                    }
                }

                @Override
                public void error(int line, String field, String message) {
                    readerErrors.add(new String[]{Integer.toString(line), field, message});
                }
            });
            flush(rows, buffer);
            rows.endCopy();
        } finally {
            if (rows.isActive()) {
                rows.cancelCopy();
            }
        }
        if (!readerErrors.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO reader_error VALUES (?, ?, ?)")) {
                for (String[] error : readerErrors) {
                    insert.setInt(1, Integer.parseInt(error[0]));
                    insert.setString(2, error[1]);
                    insert.setString(3, error[2]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        return count[0];
    }

    private static void flush(CopyIn rows, StringBuilder buffer) {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        try {
            rows.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into staging failed", e);
        }
        buffer.setLength(0);
    }

    /** CSV for COPY: unquoted empty = NULL, anything else quoted with "" escaping. */
    private static void appendCsv(StringBuilder buffer, String value) {
        if (value == null) {
            return;
        }
        buffer.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                buffer.append('"');
            }
            buffer.append(c);
        }
        buffer.append('"');
    }

    /** Every reason a staged row cannot be published, one SQL pass per rule; returns the count. */
    private int validate(Connection connection, UUID batchId, String agency) throws SQLException {
        String numeric = "'^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'";
        String sql = """
                INSERT INTO batch_error (batch_id, line, field, message)
                SELECT ?, line, field, message FROM (
                  SELECT line, field, message FROM reader_error
                  UNION ALL SELECT line, 'indicator', 'is required' FROM staging WHERE indicator IS NULL
                  UNION ALL SELECT s.line, 'indicator', 'unknown indicator code ''' || s.indicator || '''' FROM staging s
                      WHERE s.indicator IS NOT NULL AND NOT EXISTS (SELECT 1 FROM indicator i WHERE i.code = s.indicator)
                  UNION ALL SELECT s.line, 'indicator', 'agency ' || ? || ' does not provide indicator ''' || s.indicator || ''''
                      FROM staging s WHERE EXISTS (SELECT 1 FROM indicator i WHERE i.code = s.indicator)
                      AND NOT EXISTS (SELECT 1 FROM indicator_provider p WHERE p.indicator_code = s.indicator AND p.agency = ?)
                  UNION ALL SELECT line, 'economy', 'is required' FROM staging WHERE economy IS NULL
                  UNION ALL SELECT s.line, 'economy', 'unknown economy code ''' || s.economy || ''' (ISO 3166-1 alpha-3, UN M49 or an aggregate)' FROM staging s
                      WHERE s.economy IS NOT NULL AND NOT EXISTS (SELECT 1 FROM economy e WHERE e.code = s.economy)
                  UNION ALL SELECT s.line, 'sex', 'unknown code ''' || s.sex || ''' (CL_SEX: _T, F, M)' FROM staging s
                      WHERE s.sex IS NOT NULL AND NOT EXISTS (SELECT 1 FROM code c WHERE c.codelist = 'CL_SEX' AND c.code = s.sex)
                  UNION ALL SELECT s.line, 'age', 'unknown code ''' || s.age || ''' (CL_AGE)' FROM staging s
                      WHERE s.age IS NOT NULL AND NOT EXISTS (SELECT 1 FROM code c WHERE c.codelist = 'CL_AGE' AND c.code = s.age)
                  UNION ALL SELECT s.line, 'urbanisation', 'unknown code ''' || s.urbanisation || ''' (CL_URBANISATION: _T, U, R)' FROM staging s
                      WHERE s.urbanisation IS NOT NULL AND NOT EXISTS (SELECT 1 FROM code c WHERE c.codelist = 'CL_URBANISATION' AND c.code = s.urbanisation)
                  UNION ALL SELECT s.line, 'status', 'unknown observation status ''' || s.status || ''' (CL_OBS_STATUS: A, B, D, E, F, G, I, K, L, M, N, O, P, Q, S, U, V, W)' FROM staging s
                      WHERE s.status IS NOT NULL AND NOT EXISTS (SELECT 1 FROM code c WHERE c.codelist = 'CL_OBS_STATUS' AND c.code = s.status)
                  UNION ALL SELECT line, 'period', 'is required (a year such as 2023)' FROM staging WHERE period IS NULL
                  UNION ALL SELECT line, 'period', 'must be a year between 1960 and 2100, got ''' || period || '''' FROM staging
                      WHERE period IS NOT NULL AND CASE WHEN period ~ '^[0-9]{4}$' THEN period::int NOT BETWEEN 1960 AND 2100 ELSE true END
                  UNION ALL SELECT line, 'value', 'must be a number, got ''' || value || '''' FROM staging
                      WHERE value IS NOT NULL AND value !~ %s
                  UNION ALL SELECT line, 'value', 'is required unless the status says missing (M, L, O, Q; NaN means missing)' FROM staging
                      WHERE value IS NULL AND coalesce(status, 'A') NOT IN ('M', 'L', 'O', 'Q')
                  UNION ALL SELECT line, 'value', 'must be empty (or NaN) when the status says missing (M, L, O, Q)' FROM staging
                      WHERE value IS NOT NULL AND status IN ('M', 'L', 'O', 'Q')
                  UNION ALL SELECT line, 'key', 'duplicates line ' || first_line || ' (same indicator, economy, breakdown and period)' FROM (
                      SELECT line, min(line) OVER w AS first_line FROM staging
                      WHERE indicator IS NOT NULL AND economy IS NOT NULL AND period IS NOT NULL
                      WINDOW w AS (PARTITION BY indicator, economy, coalesce(sex, '_T'), coalesce(age, '_T'), coalesce(urbanisation, '_T'), period)
                  ) d WHERE line <> first_line
                ) errors""".formatted(numeric);
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, batchId);
            insert.setString(2, agency);
            insert.setString(3, agency);
            return insert.executeUpdate();
        }
    }

    private void finishRejected(Connection connection, UUID batchId, int staged, int errors) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE batch SET status = 'REJECTED', finished_at = now(), row_count = ?, staged_rows = ?, error_count = ?
                WHERE id = ?""")) {
            update.setInt(1, staged);
            update.setInt(2, staged);
            update.setInt(3, errors);
            update.setObject(4, batchId);
            update.executeUpdate();
        }
    }

    private void publish(Connection connection, UUID batchId, String agency, int staged) throws SQLException {
        OffsetDateTime publishedAt;
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + PUBLISH_LOCK + ")");
            // clock_timestamp, not now(): the lock may have been waited for, and vintages must be ordered
            try (ResultSet now = statement.executeQuery("SELECT clock_timestamp()")) {
                now.next();
                publishedAt = now.getObject(1, OffsetDateTime.class);
            }
            // rows whose value, status or note differ from the current vintage (or that are new)
            statement.execute("""
                    CREATE TEMP TABLE changed ON COMMIT DROP AS
                    SELECT s.indicator, s.economy, coalesce(s.sex, '_T') AS sex, coalesce(s.age, '_T') AS age,
                           coalesce(s.urbanisation, '_T') AS urbanisation, s.period::int AS period,
                           s.value::double precision AS value, coalesce(s.status, 'A') AS status, s.note, s.line,
                           o.id AS current_id
                    FROM staging s
                    LEFT JOIN observation o ON o.superseded_at IS NULL AND o.indicator_code = s.indicator
                         AND o.economy_code = s.economy AND o.sex = coalesce(s.sex, '_T') AND o.age = coalesce(s.age, '_T')
                         AND o.urbanisation = coalesce(s.urbanisation, '_T') AND o.period = s.period::int
                    WHERE o.id IS NULL OR o.value IS DISTINCT FROM s.value::double precision
                       OR o.obs_status <> coalesce(s.status, 'A') OR o.note IS DISTINCT FROM s.note""");
        }
        Timestamp at = Timestamp.from(publishedAt.toInstant());
        try (PreparedStatement supersede = connection.prepareStatement("""
                UPDATE observation o SET superseded_at = ? FROM changed c WHERE o.id = c.current_id""")) {
            supersede.setTimestamp(1, at);
            supersede.executeUpdate();
        }
        int changed;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO observation (indicator_code, economy_code, sex, age, urbanisation, period, value, obs_status,
                                         note, provider, batch_id, published_at, supersedes)
                SELECT indicator, economy, sex, age, urbanisation, period, value, status, note, ?, ?, ?, current_id
                FROM changed""")) {
            insert.setString(1, agency);
            insert.setObject(2, batchId);
            insert.setTimestamp(3, at);
            changed = insert.executeUpdate();
        }
        List<String> indicators = new ArrayList<>();
        Integer periodFrom = null;
        Integer periodTo = null;
        try (Statement statement = connection.createStatement();
             ResultSet summary = statement.executeQuery("""
                     SELECT array_agg(DISTINCT indicator ORDER BY indicator), min(period::int), max(period::int) FROM staging""")) {
            summary.next();
            Array array = summary.getArray(1);
            if (array != null) {
                indicators.addAll(List.of((String[]) array.getArray()));
            }
            periodFrom = (Integer) summary.getObject(2);
            periodTo = (Integer) summary.getObject(3);
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE batch SET status = 'PUBLISHED', finished_at = clock_timestamp(), published_at = ?, row_count = ?,
                       staged_rows = ?, changed_count = ?, unchanged_count = ?, indicators = ?, period_from = ?, period_to = ?
                WHERE id = ?""")) {
            update.setTimestamp(1, at);
            update.setInt(2, staged);
            update.setInt(3, staged);
            update.setInt(4, changed);
            update.setInt(5, staged - changed);
            update.setArray(6, connection.createArrayOf("text", indicators.toArray()));
            update.setObject(7, periodFrom);
            update.setObject(8, periodTo);
            update.setObject(9, batchId);
            update.executeUpdate();
        }
        // no index recomputation here: IDI values are computed on read from the vintages (idi/IdiResource)

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("batchId", batchId.toString());
        data.put("provider", agency);
        data.put("publishedAt", publishedAt.withOffsetSameInstant(ZoneOffset.UTC).toString());
        data.put("observationCount", staged);
        data.put("changedCount", changed);
        data.put("indicators", indicators);
        data.put("periods", Map.of("from", periodFrom, "to", periodTo));
        outbox.publish(TOPIC, batchId.toString(), EVENT_TYPE, data);
        LOG.infof("Batch %s of %s published: %d rows, %d new vintages", batchId, agency, staged, changed);
    }
}
