package org.wsis.indicators.observation;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.indicators.IndicatorsConfig;

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
 * Reads observations for the JSON API and SDMX, with plain JDBC (these are the hot read paths).
 * Which vintage: current values by default, or "as published on" a date: the row with
 * published_at <= D and not superseded by D.
 */
@ApplicationScoped
public class ObservationStore {

    /** Filters; null or empty = no filter on that dimension. */
    public record Criteria(List<String> indicators, List<String> economies, List<String> sexes, List<String> ages,
                           List<String> urbanisations, Integer periodFrom, Integer periodTo, Instant asOf,
                           Instant updatedAfter, Integer lastNObservations, Integer firstNObservations) {
        public Criteria(List<String> indicators, List<String> economies, List<String> sexes, List<String> ages,
                        List<String> urbanisations, Integer periodFrom, Integer periodTo, Instant asOf,
                        Instant updatedAfter, Integer lastNObservations) {
            this(indicators, economies, sexes, ages, urbanisations, periodFrom, periodTo, asOf, updatedAfter, lastNObservations, null);
        }

        public static Criteria ofIndicator(String indicator) {
            return new Criteria(List.of(indicator), null, null, null, null, null, null, null, null, null);
        }

        /** Answers depending on publication time (updatedAfter, asOf) must not race a publish in flight. */
        boolean timeDependent() {
            return asOf != null || updatedAfter != null;
        }
    }

    /**
     * A publish holds the publish lock longer than a time-dependent read is willing to wait. The
     * caller answers 503 with Retry-After rather than an answer a later publish could contradict.
     */
    public static class PublishInProgress extends RuntimeException {
        public PublishInProgress() {
            super("A publication is in progress; ask again in a few seconds");
        }
    }

    /** The advisory lock publishes hold exclusively (BatchPublisher) from their timestamp to their commit. */
    public static final long PUBLISH_LOCK = 6_006_006L;

    public record Row(long id, String indicator, String economy, String sex, String age, String urbanisation, int period,
                      Double value, String status, String note, String provider, UUID batchId,
                      OffsetDateTime publishedAt, OffsetDateTime supersededAt) {
    }

    private static final String COLUMNS = "id, indicator_code, economy_code, sex, age, urbanisation, period, value, obs_status, note, provider, batch_id, published_at, superseded_at";

    private final AgroalDataSource dataSource;
    /** How long an updatedAfter/asOf read waits for a publish to commit before answering 503. */
    private final long lockWaitMillis;

    public ObservationStore(AgroalDataSource dataSource,
                            IndicatorsConfig config) {
        this.dataSource = dataSource;
        this.lockWaitMillis = config.sync().publishWait().toMillis();
    }

    /** Rows ordered by series key then period; at most limit (offset for paging). */
    public List<Row> find(Criteria criteria, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        String where = where(criteria, params);
        String sql;
        if (criteria.lastNObservations() != null || criteria.firstNObservations() != null) {
            // SDMX: firstN and lastN together give both ends of each series
            String series = "PARTITION BY indicator_code, economy_code, sex, age, urbanisation";
            sql = "SELECT " + COLUMNS + " FROM (SELECT o.*, row_number() OVER (" + series + " ORDER BY period DESC) AS from_end, "
                    + "row_number() OVER (" + series + " ORDER BY period) AS from_start FROM observation o WHERE "
                    + where + ") ranked WHERE from_end <= ? OR from_start <= ?";
            params.add(criteria.lastNObservations() == null ? 0 : criteria.lastNObservations());
            params.add(criteria.firstNObservations() == null ? 0 : criteria.firstNObservations());
        } else {
            sql = "SELECT " + COLUMNS + " FROM observation WHERE " + where;
        }
        sql += " ORDER BY indicator_code, economy_code, sex, age, urbanisation, period LIMIT ? OFFSET ?";
        params.add(limit);
        params.add(offset);
        return criteria.timeDependent() ? queryAfterPublishes(sql, params) : query(sql, params);
    }

    public long count(Criteria criteria) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT count(*) FROM observation WHERE " + where(criteria, params);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * For SDMX availableconstraint: the distinct codes of each dimension among the current observations
     * matching the criteria (TIME_PERIOD: the first and last year), optionally of one provider.
     */
    public Map<String, List<String>> available(Criteria criteria, String provider) {
        List<Object> params = new ArrayList<>();
        String where = where(criteria, params);
        if (provider != null) {
            where += " AND provider = ?";
            params.add(provider);
        }
        String sql = "SELECT array_agg(DISTINCT economy_code ORDER BY economy_code), array_agg(DISTINCT indicator_code ORDER BY indicator_code),"
                + " array_agg(DISTINCT sex ORDER BY sex), array_agg(DISTINCT age ORDER BY age), array_agg(DISTINCT urbanisation ORDER BY urbanisation),"
                + " min(period), max(period) FROM observation WHERE " + where;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            Map<String, List<String>> result = new LinkedHashMap<>();
            boolean any = rows.getObject(6) != null;
            result.put("FREQ", any ? List.of("A") : List.of());
            String[] ids = {"REF_AREA", "INDICATOR", "SEX", "AGE", "URBANISATION"};
            for (int i = 0; i < ids.length; i++) {
                java.sql.Array array = rows.getArray(i + 1);
                result.put(ids[i], array == null ? List.of() : List.of((String[]) array.getArray()));
            }
            result.put("TIME_PERIOD", any ? List.of(Integer.toString(rows.getInt(6)), Integer.toString(rows.getInt(7))) : List.of());
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Changes with every publish that changes anything (each inserts vintages): a version for caches and ETags. */
    public long dataVersion() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT coalesce(max(id), 0) FROM observation");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every vintage of the matching keys, oldest first (the revision history). */
    public List<Row> vintages(Criteria criteria, int limit) {
        List<Object> params = new ArrayList<>();
        String where = filters(criteria, params);
        return query("SELECT " + COLUMNS + " FROM observation WHERE " + where
                + " ORDER BY indicator_code, economy_code, sex, age, urbanisation, period, published_at LIMIT ?", append(params, limit));
    }

    /** A change-feed entry: the vintage and the cursor of the vintage it replaced (null for a first value). */
    public record Change(Row row, Long supersedes) {
    }

    /**
     * The change feed: new vintages after the cursor, in publish order. Ids are taken only under the
     * exclusive publish lock, so they grow in commit order: an id below one already handed out never
     * becomes visible later.
     */
    public List<Change> changesAfter(long cursor, int limit) {
        String sql = "SELECT " + COLUMNS + ", supersedes FROM observation WHERE id > ? ORDER BY id LIMIT ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, List.of(cursor, limit));
             ResultSet rows = statement.executeQuery()) {
            List<Change> result = new ArrayList<>();
            while (rows.next()) {
                long supersedes = rows.getLong(15);
                result.add(new Change(row(rows), rows.wasNull() ? null : supersedes));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads under the publish lock in shared mode: no publish is between its timestamp and its commit,
     * so every row stamped up to now is visible, and any later publish stamps after this read
     * (BatchPublisher stamps with clock_timestamp() once it holds the lock). A mirror that polls with
     * updatedAfter = the time of its previous request therefore never misses a row.
     */
    private List<Row> queryAfterPublishes(String sql, List<Object> params) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = '" + lockWaitMillis + "ms'");
                statement.execute("SELECT pg_advisory_xact_lock_shared(" + PUBLISH_LOCK + ")");
                List<Row> result = new ArrayList<>();
                try (PreparedStatement query = prepare(connection, sql, params); ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        result.add(row(rows));
                    }
                }
                connection.commit();
                return result;
            } catch (SQLException e) {
                connection.rollback();
                if ("55P03".equals(e.getSQLState())) {
                    throw new PublishInProgress();
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Object> append(List<Object> params, Object value) {
        params.add(value);
        return params;
    }

    private String where(Criteria c, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (c.asOf() == null) {
            sql.append("superseded_at IS NULL");
        } else {
            sql.append("published_at <= ? AND (superseded_at IS NULL OR superseded_at > ?)");
            params.add(Timestamp.from(c.asOf()));
            params.add(Timestamp.from(c.asOf()));
        }
        sql.append(" AND ").append(filters(c, params));
        if (c.updatedAfter() != null) {
            sql.append(" AND published_at > ?");
            params.add(Timestamp.from(c.updatedAfter()));
        }
        return sql.toString();
    }

    private String filters(Criteria c, List<Object> params) {
        StringBuilder sql = new StringBuilder("true");
        in(sql, params, "indicator_code", c.indicators());
        if (c.economies() != null && !c.economies().isEmpty()) {
            // an economy may be named by its code, a country by alpha-2 or UN M49 too (the platform's vocabulary)
            String[] economies = EconomyCodes.canonical(c.economies()).toArray(String[]::new);
            sql.append(" AND economy_code IN (SELECT code FROM economy WHERE code = ANY(?) OR m49 = ANY(?))");
            params.add(economies);
            params.add(economies);
        }
        in(sql, params, "sex", c.sexes());
        in(sql, params, "age", c.ages());
        in(sql, params, "urbanisation", c.urbanisations());
        if (c.periodFrom() != null) {
            sql.append(" AND period >= ?");
            params.add(c.periodFrom());
        }
        if (c.periodTo() != null) {
            sql.append(" AND period <= ?");
            params.add(c.periodTo());
        }
        return sql.toString();
    }

    private static void in(StringBuilder sql, List<Object> params, String column, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        if (values.size() == 1) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(values.get(0));
        } else {
            sql.append(" AND ").append(column).append(" = ANY(?)");
            params.add(values.toArray(String[]::new));
        }
    }

    private List<Row> query(String sql, List<Object> params) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rows = statement.executeQuery()) {
            List<Row> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row(rows));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Row row(ResultSet rows) throws SQLException {
        double value = rows.getDouble(8);
        Double boxed = rows.wasNull() ? null : value;
        return new Row(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                rows.getString(6), rows.getInt(7), boxed, rows.getString(9), rows.getString(10), rows.getString(11),
                rows.getObject(12, UUID.class), utc(rows.getTimestamp(13)), utc(rows.getTimestamp(14)));
    }

    private static OffsetDateTime utc(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object param = params.get(i);
            if (param instanceof String[] array) {
                statement.setArray(i + 1, connection.createArrayOf("text", array));
            } else {
                statement.setObject(i + 1, param);
            }
        }
        return statement;
    }
}
