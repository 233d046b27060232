package org.wsis.prizes.results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.wsis.commons.reference.ItuRegion;
import org.wsis.commons.reference.StakeholderType;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The statistics of a published edition (issue 16: indicators-service serves them as the SDMX dataflow
 * WSIS:DF_PRIZES): prize entries (submissions not withdrawn), nominees and valid votes by category x ITU region x
 * stakeholder type of the entry, with {@code _T} totals per dimension and {@code _Z} for an entry whose region or
 * type is not known. An entry in several regions counts once in each and once in a total, its votes too.
 * Nominees and votes are those of the frozen results (prize_result), so the figures equal the published results.
 * Announced with the results, at the ceremony, never earlier (see ResultsService).
 */
@ApplicationScoped
public class PrizeStatistics {
    public static final String STATISTICS_PUBLISHED_V1 = "org.wsis.prizes.statistics.published.v1";
    static final String TOTAL = "_T";
    static final String NOT_SPECIFIED = "_Z";

    /** Data of org.wsis.prizes.statistics.published.v1 (see src/main/resources/events/). */
    public record StatisticsPublished(int edition, OffsetDateTime publishedAt, List<Row> statistics) {
    }

    public record Row(String category, String region, String stakeholderType, long entries, long nominees, long validVotes) {
    }

    private final EntityManager entityManager;

    public PrizeStatistics(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    private static final class Cell {
        final Set<UUID> entries = new HashSet<>();
        long nominees;
        long validVotes;
    }

    public StatisticsPublished of(int edition, OffsetDateTime publishedAt) {
        @SuppressWarnings("unchecked")
        List<Object[]> submissions = entityManager.createNativeQuery("""
                        SELECT s.id, s.category, p.submission_id IS NOT NULL AS nominee, coalesce(p.votes, 0),
                               e.stakeholder_type, e.regions
                        FROM submission s
                        LEFT JOIN prize_result p ON p.submission_id = s.id AND p.edition_year = s.edition_year
                        LEFT JOIN eligible_entry e ON e.entry_id = s.entry_id
                        WHERE s.edition_year = ?1 AND s.status <> 'WITHDRAWN'""")
                .setParameter(1, edition).getResultList();
        Map<List<String>, Cell> cube = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (Object[] s : submissions) {
            UUID id = (UUID) s[0];
            boolean nominee = (Boolean) s[2];
            long votes = ((Number) s[3]).longValue();
            for (String category : List.of((String) s[1], TOTAL)) {
                for (String region : withTotal(regions(s[5]))) {
                    for (String type : List.of(stakeholderType((String) s[4]), TOTAL)) {
                        Cell cell = cube.computeIfAbsent(List.of(category, region, type), k -> new Cell());
                        if (cell.entries.add(id)) { // once per submission in any cell: a total is never a double count
                            cell.nominees += nominee ? 1 : 0;
                            cell.validVotes += votes;
                        }
                    }
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        cube.forEach((k, c) -> rows.add(new Row(k.get(0), k.get(1), k.get(2), c.entries.size(), c.nominees, c.validVotes)));
        return new StatisticsPublished(edition, publishedAt, rows);
    }

    private static List<String> withTotal(Set<String> codes) {
        List<String> all = new ArrayList<>(codes);
        all.add(TOTAL);
        return all;
    }

    /** The entry's regions through the platform's vocabulary; _Z when none is known. */
    private static Set<String> regions(Object column) {
        Set<String> regions = new LinkedHashSet<>();
        if (column instanceof String[] values) {
            for (String v : values) {
                ItuRegion.parse(v).ifPresent(r -> regions.add(r.name()));
            }
        } else if (column instanceof java.util.Collection<?> values) {
            values.forEach(v -> ItuRegion.parse(String.valueOf(v)).ifPresent(r -> regions.add(r.name())));
        }
        return regions.isEmpty() ? Set.of(NOT_SPECIFIED) : regions;
    }

    private static String stakeholderType(String type) {
        if (type == null) {
            return NOT_SPECIFIED;
        }
        try {
            return StakeholderType.valueOf(type).name();
        } catch (IllegalArgumentException e) {
            return NOT_SPECIFIED;
        }
    }
}
