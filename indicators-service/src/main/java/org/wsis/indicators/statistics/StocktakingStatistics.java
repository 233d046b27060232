package org.wsis.indicators.statistics;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.indicators.sdmx.Dataflow;
import org.wsis.indicators.sdmx.StatisticsFlow;
import org.wsis.indicators.sdmx.Structures;

import java.util.List;
import java.util.Map;

/**
 * WSIS:DF_STOCKTAKING: the number of published stocktaking entries by action line x SDG x ITU region x stakeholder
 * type x year, with {@code _T} totals per dimension. An entry tagged with several action lines (SDGs, regions)
 * counts once in each; a total counts it once: PostgreSQL {@code GROUP BY year, CUBE(...)} with
 * {@code count(DISTINCT entry_id)}, so {@code A._T._T._T._T} is the number of entries of the year and
 * {@code A.C2._T._T._T} the number tagged C2, as stocktaking's report counts them.
 */
@ApplicationScoped
public class StocktakingStatistics implements StatisticsFlow {
    public static final Dataflow FLOW = new Dataflow("DF_STOCKTAKING", "WSIS Stocktaking: published entries",
            "DSD_STOCKTAKING", "WSIS Stocktaking entries: FREQ.ACTION_LINE.SDG.REGION.STAKEHOLDER_TYPE",
            "CS_STOCKTAKING", "WSIS Stocktaking statistics concepts", List.of(
            new Structures.Dimension("FREQ", "Frequency", "CL_FREQ"),
            new Structures.Dimension("ACTION_LINE", "WSIS action line", "CL_ACTION_LINE"),
            new Structures.Dimension("SDG", "Sustainable Development Goal", "CL_SDG"),
            new Structures.Dimension("REGION", "ITU region (INT: international)", "CL_REGION"),
            new Structures.Dimension("STAKEHOLDER_TYPE", "Stakeholder type", "CL_STAKEHOLDER_TYPE")),
            "Number of published entries (stocktaking year: the year first published)", List.of());

    /** The cube, then the key's filter on it (a filter before the CUBE would change the totals). */
    private static final String CUBE_SQL = """
            WITH facts AS (
                SELECT e.entry_id, e.stocktaking_year AS year, al, sdg, region, e.stakeholder_type AS st
                FROM stocktaking_entry e, unnest(e.action_lines) al, unnest(e.sdgs) sdg, unnest(e.regions) region
                WHERE (?::int IS NULL OR e.stocktaking_year >= ?::int) AND (?::int IS NULL OR e.stocktaking_year <= ?::int)),
            cube AS (
                SELECT year,
                       CASE WHEN GROUPING(al) = 1 THEN '_T' ELSE al END AS al,
                       CASE WHEN GROUPING(sdg) = 1 THEN '_T' ELSE sdg END AS sdg,
                       CASE WHEN GROUPING(region) = 1 THEN '_T' ELSE region END AS region,
                       CASE WHEN GROUPING(st) = 1 THEN '_T' ELSE st END AS st,
                       count(DISTINCT entry_id) AS n
                FROM facts GROUP BY year, CUBE (al, sdg, region, st))
            SELECT al, sdg, region, st, year, n FROM cube
            WHERE (cardinality(?::text[]) = 0 OR al = ANY (?::text[])) AND (cardinality(?::text[]) = 0 OR sdg = ANY (?::text[]))
              AND (cardinality(?::text[]) = 0 OR region = ANY (?::text[])) AND (cardinality(?::text[]) = 0 OR st = ANY (?::text[]))
            ORDER BY al, sdg, region, st, year""";

    private final AgroalDataSource dataSource;

    public StocktakingStatistics(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Dataflow flow() {
        return FLOW;
    }

    @Override
    public Map<String, String> codes(String codelist) {
        return switch (codelist) {
            case "CL_ACTION_LINE" -> actionLines();
            case "CL_SDG" -> StocktakingCodes.SDGS;
            case "CL_REGION" -> StocktakingCodes.REGIONS;
            case "CL_STAKEHOLDER_TYPE" -> StocktakingCodes.STAKEHOLDER_TYPES;
            default -> Map.of();
        };
    }

    /** Stocktaking's action lines, and any that entries carry which this list does not know yet (a line added later). */
    private Map<String, String> actionLines() {
        return CountQueries.withCodesFound(dataSource, StocktakingCodes.ACTION_LINES,
                "SELECT DISTINCT unnest(action_lines) FROM stocktaking_entry ORDER BY 1", "action lines");
    }

    @Override
    public List<CountRow> rows(List<List<String>> key, Integer startYear, Integer endYear) {
        return CountQueries.counts(dataSource, CUBE_SQL, key, startYear, endYear, "Counting stocktaking entries");
    }
}
