package org.wsis.indicators.statistics;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.indicators.sdmx.Dataflow;
import org.wsis.indicators.sdmx.StatisticsFlow;
import org.wsis.indicators.sdmx.Structures;

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
        return CountQueries.withCodesFound(dataSource, codes, "SELECT DISTINCT category FROM prize_statistic ORDER BY 1",
                "prize categories");
    }

    @Override
    public List<CountRow> rows(List<List<String>> key, Integer startYear, Integer endYear) {
        return CountQueries.counts(dataSource, SQL, key, startYear, endYear, "Reading prize statistics");
    }
}
