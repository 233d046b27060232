package org.wsis.indicators.statistics;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.indicators.sdmx.Dataflow;
import org.wsis.indicators.sdmx.StatisticsFlow;
import org.wsis.indicators.sdmx.Structures;

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

/**
 * WSIS:DF_PRIZES: prize entries, nominees and valid votes by edition (TIME_PERIOD) x category x ITU region x
 * stakeholder type, as prizes announced them with the results at the ceremony (so nothing is here before it:
 * the embargo holds). The figures come aggregated with their {@code _T} totals (statistics/PrizeStatisticsEvents).
 */
@ApplicationScoped
public class PrizeStatistics implements StatisticsFlow {
    public static final Dataflow FLOW = new Dataflow("DF_PRIZES", "WSIS Prizes: entries, nominees and valid votes",
            "DSD_PRIZES", "WSIS Prizes statistics: FREQ.CATEGORY.REGION.STAKEHOLDER_TYPE.MEASURE",
            "CS_PRIZES", "WSIS Prizes statistics concepts", List.of(
            new Structures.Dimension("FREQ", "Frequency", "CL_FREQ"),
            new Structures.Dimension("CATEGORY", "WSIS Prizes category", "CL_PRIZE_CATEGORY"),
            new Structures.Dimension("REGION", "ITU region of the entry (INT: international)", "CL_REGION"),
            new Structures.Dimension("STAKEHOLDER_TYPE", "Stakeholder type of the entry", "CL_STAKEHOLDER_TYPE"),
            new Structures.Dimension("MEASURE", "What is counted", "CL_PRIZE_MEASURE")),
            "Count (TIME_PERIOD: the edition's year)", List.of());

    static final Map<String, String> MEASURES = Map.of(
            "ENTRIES", "Prize entries (submissions not withdrawn)",
            "NOMINEES", "Nominees",
            "VALID_VOTES", "Valid votes (as published with the results)");

    private static final String SQL = """
            SELECT category, region, stakeholder_type, measure, edition, value FROM prize_statistic
            WHERE (?::int IS NULL OR edition >= ?::int) AND (?::int IS NULL OR edition <= ?::int)
              AND (cardinality(?::text[]) = 0 OR category = ANY (?::text[])) AND (cardinality(?::text[]) = 0 OR region = ANY (?::text[]))
              AND (cardinality(?::text[]) = 0 OR stakeholder_type = ANY (?::text[])) AND (cardinality(?::text[]) = 0 OR measure = ANY (?::text[]))
            ORDER BY category, region, stakeholder_type, measure, edition""";

    private final AgroalDataSource dataSource;

    public PrizeStatistics(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Dataflow flow() {
        return FLOW;
    }

    @Override
    public Map<String, String> codes(String codelist) {
        return switch (codelist) {
            case "CL_PRIZE_CATEGORY" -> categories();
            case "CL_REGION" -> StocktakingCodes.REGIONS;
            case "CL_STAKEHOLDER_TYPE" -> StocktakingCodes.STAKEHOLDER_TYPES;
            case "CL_PRIZE_MEASURE" -> new java.util.TreeMap<>(MEASURES);
            default -> Map.of();
        };
    }

    /** The 18 action-line categories, and every category (special prizes) an edition announced. */
    private Map<String, String> categories() {
        Map<String, String> codes = new LinkedHashMap<>();
        StocktakingCodes.ACTION_LINES.forEach((code, name) -> {
            if (!code.equals("C7") && !code.equals(StocktakingCodes.NOT_SPECIFIED)) {
                codes.put(code, name);
            }
        });
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT category FROM prize_statistic ORDER BY 1")) {
            while (rs.next()) {
                codes.putIfAbsent(rs.getString(1), rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading prize categories failed", e);
        }
        return codes;
    }

    @Override
    public List<CountRow> rows(List<List<String>> key, Integer startYear, Integer endYear) {
        List<CountRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
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
            throw new IllegalStateException("Reading prize statistics failed", e);
        }
        return rows;
    }
}
