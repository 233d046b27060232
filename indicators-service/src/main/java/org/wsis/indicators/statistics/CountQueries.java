package org.wsis.indicators.statistics;

import io.agroal.api.AgroalDataSource;
import org.wsis.indicators.sdmx.StatisticsFlow.CountRow;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The two reads both statistics dataflows make: the codes their rows carry, and the counts a key selects. */
final class CountQueries {
    private CountQueries() {
    }

    /** The known codes, then any code {@code sql} finds that they lack (named by itself). */
    static Map<String, String> withCodesFound(AgroalDataSource dataSource, Map<String, String> known, String sql, String what) {
        Map<String, String> codes = new LinkedHashMap<>(known);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                codes.putIfAbsent(rs.getString(1), rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading " + what + " failed", e);
        }
        return codes;
    }

    /**
     * Runs {@code sql}, whose parameters are the start year and end year (each twice: null means open) and then the
     * codes of key dimensions 1 to 4 (each array twice: empty means all), and whose columns are those four codes,
     * the year and the count.
     */
    static List<CountRow> counts(AgroalDataSource dataSource, String sql, List<List<String>> key, Integer startYear,
                                 Integer endYear, String what) {
        List<CountRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            for (Integer year : new Integer[]{startYear, startYear, endYear, endYear}) {
                if (year == null) {
                    ps.setNull(p++, Types.INTEGER);
                } else {
                    ps.setInt(p++, year);
                }
            }
            for (int d = 1; d <= 4; d++) {
                Array codes = c.createArrayOf("text", key.get(d).toArray());
                ps.setArray(p++, codes);
                ps.setArray(p++, codes);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new CountRow(List.of("A", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                            rs.getInt(5), rs.getLong(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed", e);
        }
        return rows;
    }
}
