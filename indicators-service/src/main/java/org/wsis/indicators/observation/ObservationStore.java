package org.wsis.indicators.observation;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
                           Instant updatedAfter, Integer lastNObservations) {
        public static Criteria ofIndicator(String indicator) {
            return new Criteria(List.of(indicator), null, null, null, null, null, null, null, null, null);
        }
    }

    public record Row(long id, String indicator, String economy, String sex, String age, String urbanisation, int period,
                      Double value, String status, String note, String provider, UUID batchId,
                      OffsetDateTime publishedAt, OffsetDateTime supersededAt) {
    }

    private static final String COLUMNS = "id, indicator_code, economy_code, sex, age, urbanisation, period, value, obs_status, note, provider, batch_id, published_at, superseded_at";

    private final AgroalDataSource dataSource;

    public ObservationStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Rows ordered by series key then period; at most limit (offset for paging). */
    public List<Row> find(Criteria criteria, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        String where = where(criteria, params);
        String sql;
        if (criteria.lastNObservations() != null) {
            sql = "SELECT " + COLUMNS + " FROM (SELECT o.*, row_number() OVER (PARTITION BY indicator_code, economy_code, sex, age, urbanisation ORDER BY period DESC) AS rank FROM observation o WHERE "
                    + where + ") ranked WHERE rank <= ?";
            params.add(criteria.lastNObservations());
        } else {
            sql = "SELECT " + COLUMNS + " FROM observation WHERE " + where;
        }
        sql += " ORDER BY indicator_code, economy_code, sex, age, urbanisation, period LIMIT ? OFFSET ?";
        params.add(limit);
        params.add(offset);
        return query(sql, params);
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

    /** The change feed: new vintages after the cursor, in publish order. */
    public List<Row> changesAfter(long cursor, int limit) {
        return query("SELECT " + COLUMNS + " FROM observation WHERE id > ? ORDER BY id LIMIT ?", List.of(cursor, limit));
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
        in(sql, params, "economy_code", c.economies());
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
                double value = rows.getDouble(8);
                Double boxed = rows.wasNull() ? null : value;
                result.add(new Row(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                        rows.getString(6), rows.getInt(7), boxed, rows.getString(9), rows.getString(10), rows.getString(11),
                        rows.getObject(12, UUID.class), utc(rows.getTimestamp(13)), utc(rows.getTimestamp(14))));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
