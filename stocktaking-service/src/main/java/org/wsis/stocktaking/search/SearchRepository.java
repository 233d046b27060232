package org.wsis.stocktaking.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.i18n.UnLanguage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Public search over published entries in plain SQL: PostgreSQL full-text search ranked with
 * ts_rank_cd on entry.search_vector, matched together with the tag filters on one GIN index
 * (entry.filter_vector: the text plus the tags as lexemes, see migration V4), and facet counts
 * computed by PostgreSQL in one statement (one GROUP BY over entry.facet_tags, migration V5). Plain
 * JDBC because the statements are built from the filters given and exports stream row by row.
 */
@ApplicationScoped
public class SearchRepository {
    /**
     * The facets, in the order the API lists them. Their names are the prefixes of entry.facet_tags
     * ("actionLine:C2", "year:2024", see migration V5), which the counts are grouped by.
     */
    private static final List<String> FACETS = List.of(
            "actionLine", "region", "country", "stakeholderType", "sdg", "targetGroup", "year", "status", "language", "prize");

    /** Over a CTE {@code matching} with a facet_tags column: the total (tag NULL), then one row per facet value. */
    private static final String COUNTS_SQL = "SELECT NULL::text AS tag, count(*) AS n FROM matching"
            + " UNION ALL SELECT tag, count(*) FROM matching, unnest(facet_tags) tag GROUP BY tag";

    private static final String HIT_COLUMNS = """
            e.id, e.title, e.organisation, left(e.description, 300), e.action_lines, e.countries, e.regions,
            e.stakeholder_type, e.sdgs, e.sdg_targets, e.target_groups, e.stocktaking_year, e.project_status,
            e.language, e.success_story, e.prize_outcomes, e.published_at""";

    /**
     * The approved translations of a hit's entry as {"fr": [title, summary], ...}, so its title and summary can be
     * shown in the reader's language; NULL for an entry without any (most), which then costs nothing to read.
     */
    private static final String TRANSLATED_TEXTS = "CASE WHEN e.translations = '{}'::jsonb THEN NULL ELSE"
            + " (SELECT jsonb_object_agg(key, jsonb_build_array(value ->> 'title', left(value ->> 'description', 300)))"
            + " FROM jsonb_each(e.translations))::text END";

    public enum SortOrder {
        RELEVANCE, NEWEST, OLDEST, TITLE
    }

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public SearchRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** A FROM + WHERE clause and its parameters, built from the filters. */
    record Query(String fromWhere, List<Object> params, boolean ranked) {
    }

    /** A page of hits, title and summary in the language {@code shown} chooses (see {@link #hit}). */
    public List<SearchDtos.Hit> page(SearchFilters filters, SortOrder sort, int offset, int limit, LanguagePreference shown) {
        Query query = query(filters);
        String rank = query.ranked() ? "ts_rank_cd(e.search_vector, t.query)" : "NULL::real";
        String orderBy = switch (sort == SortOrder.RELEVANCE && !query.ranked() ? SortOrder.NEWEST : sort) {
            case RELEVANCE -> "rank DESC, e.published_at DESC, e.id";
            case NEWEST -> "e.published_at DESC, e.id";
            case OLDEST -> "e.published_at, e.id";
            case TITLE -> "lower(e.title), e.id";
        };
        String sql = "SELECT " + HIT_COLUMNS + ", " + rank + " AS rank, " + TRANSLATED_TEXTS + " " + query.fromWhere()
                + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?";
        List<Object> params = new ArrayList<>(query.params());
        params.add(limit);
        params.add(offset);
        List<SearchDtos.Hit> hits = new ArrayList<>(limit);
        run(sql, params, 0, query.ranked(), rs -> hits.add(hit(rs, shown)));
        return hits;
    }

    /** A page of hits with the total and facet counts of all matches. */
    public record PageWithFacets(List<SearchDtos.Hit> hits, SearchDtos.Facets facets) {
    }

    /**
     * The page and the facets in ONE statement, so PostgreSQL finds the matching rows once: they
     * are materialised narrow (id, sort keys, tag columns), counted per facet, and only the page's
     * rows are joined back to entry for their display columns.
     */
    public PageWithFacets pageWithFacets(SearchFilters filters, SortOrder sort, int offset, int limit,
                                         LanguagePreference shown) {
        Query query = query(filters);
        String rank = query.ranked() ? "ts_rank_cd(e.search_vector, t.query)" : "NULL::real";
        String order = switch (sort == SortOrder.RELEVANCE && !query.ranked() ? SortOrder.NEWEST : sort) {
            case RELEVANCE -> "#.rank DESC, #.published_at DESC, #.id";
            case NEWEST -> "#.published_at DESC, #.id";
            case OLDEST -> "#.published_at, #.id";
            case TITLE -> "#.sort_title, #.id";
        };
        String sql = "WITH matching AS MATERIALIZED (SELECT e.id, e.published_at, lower(e.title) AS sort_title, "
                + rank + " AS rank, e.facet_tags " + query.fromWhere() + "),"
                + " page AS (SELECT m.id, m.rank, m.published_at, m.sort_title FROM matching m ORDER BY "
                + order.replace("#", "m") + " LIMIT ? OFFSET ?),"
                + " counts AS (" + COUNTS_SQL + ")"
                + " SELECT " + HIT_COLUMNS + ", p.rank, " + TRANSLATED_TEXTS + ","
                + " (SELECT jsonb_agg(jsonb_build_array(tag, n)) FROM counts)::text AS facets"
                + " FROM (SELECT 1) one LEFT JOIN page p ON true LEFT JOIN entry e ON e.id = p.id"
                + " ORDER BY " + order.replace("#", "p");
        List<Object> params = new ArrayList<>(query.params());
        params.add(limit);
        params.add(offset);
        List<SearchDtos.Hit> hits = new ArrayList<>(limit);
        String[] facetsJson = {null};
        run(sql, params, 0, query.ranked(), rs -> {
            facetsJson[0] = rs.getString(20);
            if (rs.getObject(1) != null) {
                hits.add(hit(rs, shown));
            }
        });
        return new PageWithFacets(hits, facets(facetsJson[0]));
    }

    /** The counts as [[tag, n], ...], the total being the row whose tag is null. */
    private SearchDtos.Facets facets(String json) {
        FacetCounts counts = new FacetCounts();
        for (JsonNode row : json(json)) {
            counts.add(row.get(0).isNull() ? null : row.get(0).asText(), row.get(1).asLong());
        }
        return counts.facets();
    }

    /** Collects (tag, count) rows of {@link #COUNTS_SQL} into the facets of the API. */
    private static final class FacetCounts {
        private final Map<String, List<SearchDtos.FacetValue>> byFacet = new LinkedHashMap<>();
        private long total;

        FacetCounts() {
            FACETS.forEach(name -> byFacet.put(name, new ArrayList<>()));
        }

        void add(String tag, long count) {
            if (tag == null) {
                total = count;
                return;
            }
            int colon = tag.indexOf(':');
            List<SearchDtos.FacetValue> values = byFacet.get(tag.substring(0, colon));
            values.add(new SearchDtos.FacetValue(tag.substring(colon + 1), count));
        }

        SearchDtos.Facets facets() {
            sortByCount(byFacet);
            return new SearchDtos.Facets(total, byFacet);
        }
    }

    private static void sortByCount(Map<String, List<SearchDtos.FacetValue>> facets) {
        // most frequent first, then by value, so clients can show the top values
        facets.values().forEach(values -> values.sort((a, b) -> a.count() != b.count()
                ? Long.compare(b.count(), a.count()) : a.value().compareTo(b.value())));
    }

    public long count(SearchFilters filters) {
        Query query = query(filters);
        long[] total = {0};
        run("SELECT count(*) " + query.fromWhere(), query.params(), 0, query.ranked(), rs -> total[0] = rs.getLong(1));
        return total[0];
    }

    /** The number of matching entries and the facet counts, in one statement. */
    public SearchDtos.Facets facets(SearchFilters filters) {
        Query query = query(filters);
        String sql = "WITH matching AS MATERIALIZED (SELECT e.facet_tags " + query.fromWhere() + ") " + COUNTS_SQL;
        FacetCounts counts = new FacetCounts();
        run(sql, query.params(), 0, query.ranked(), rs -> counts.add(rs.getString(1), rs.getLong(2)));
        return counts.facets();
    }

    /**
     * Streams every matching entry in id order, {@code batchSize} rows per statement (keyset
     * pagination), so that neither the service nor the database holds the whole result. An export is
     * the entries as their owners wrote them: title and summary in the original language.
     */
    public void forEach(SearchFilters filters, int batchSize, Consumer<SearchDtos.Hit> sink) {
        Query query = query(filters);
        UUID after = null;
        while (true) {
            List<Object> params = new ArrayList<>(query.params());
            String keyset = "";
            if (after != null) {
                keyset = " AND e.id > ?";
                params.add(after);
            }
            params.add(batchSize);
            List<SearchDtos.Hit> batch = new ArrayList<>(batchSize);
            run("SELECT " + HIT_COLUMNS + ", NULL::real, NULL::text " + query.fromWhere() + keyset + " ORDER BY e.id LIMIT ?",
                    params, batchSize, false, rs -> batch.add(hit(rs, null)));
            batch.forEach(sink);
            if (batch.size() < batchSize) {
                return;
            }
            after = batch.get(batch.size() - 1).id();
        }
    }

    Query query(SearchFilters f) {
        StringBuilder sql = new StringBuilder("FROM entry e");
        List<Object> params = new ArrayList<>();
        boolean ranked = f.q != null;
        if (ranked) {
            // stemmed in the query's language, or exact words: an entry in any language can match. The words are
            // normalised as the index is (search_text, migration V8: accents, Arabic forms, CJK bigrams).
            // OFFSET 0 keeps the query a one-row subquery, computed once: pulled up into the statement, a plan made once
            // for any words (see run) would compute it again for every row it ranks and rechecks.
            sql.append(" CROSS JOIN (SELECT websearch_to_tsquery(entry_text_config(?), search_text(?))"
                    + " || websearch_to_tsquery('simple', search_text(?)) AS query OFFSET 0) t");
            // no lang: the language of the query's script (Russian for "школа", else English), commons UnLanguage.ofScript
            params.add(f.lang == null ? UnLanguage.ofScript(f.q).code() : f.lang);
            String words = TextQuery.websearchSafe(f.q);
            params.add(words);
            params.add(words);
        }
        sql.append(" WHERE e.status = 'PUBLISHED'");
        // The text and every tag filter are ONE condition on one GIN index (filter_vector, migration V4):
        // PostgreSQL intersects the posting lists inside the index instead of AND-ing a bitmap per filter.
        List<String> match = new ArrayList<>();
        if (ranked) {
            match.add("t.query");
        }
        anyTag(match, params, "al_", f.actionLine);
        anyTag(match, params, "sdg_", f.sdgs.stream().map(String::valueOf).toList());
        anyTag(match, params, "st_", f.sdgTarget);
        anyTag(match, params, "co_", f.country);
        anyTag(match, params, "rg_", f.region);
        anyTag(match, params, "tg_", f.targetGroup);
        anyTag(match, params, "pr_", f.prize);
        if (!match.isEmpty()) {
            sql.append(" AND e.filter_vector @@ (").append(String.join(" && ", match)).append(")");
        }
        anyOf(sql, params, "e.stakeholder_type = ANY(?::text[])", f.stakeholderType, "text");
        anyOf(sql, params, "e.stocktaking_year = ANY(?::int[])", f.years, "int4");
        anyOf(sql, params, "e.project_status = ANY(?::text[])", f.status, "text");
        anyOf(sql, params, "e.language = ANY(?::text[])", f.language, "text");
        if (f.from != null) {
            sql.append(" AND e.stocktaking_year >= ?");
            params.add(f.from);
        }
        if (f.to != null) {
            sql.append(" AND e.stocktaking_year <= ?");
            params.add(f.to);
        }
        if (f.successStory != null) {
            sql.append(" AND e.success_story = ?");
            params.add(f.successStory);
        }
        return new Query(sql.toString(), params, ranked);
    }

    /** An SQL array parameter, marked by its element type. */
    record ArrayParam(String elementType, Object[] values) {
    }

    /** Adds "any of these tag values" to the filter_vector match (values were checked against the reference data). */
    private static void anyTag(List<String> match, List<Object> params, String prefix, List<String> values) {
        if (values != null && !values.isEmpty()) {
            match.add("entry_any_tag('" + prefix + "', ?::text[])");
            params.add(new ArrayParam("text", values.toArray()));
        }
    }

    private static void anyOf(StringBuilder sql, List<Object> params, String condition, List<?> values, String type) {
        if (values != null && !values.isEmpty()) {
            sql.append(" AND ").append(condition);
            params.add(new ArrayParam(type, values.toArray()));
        }
    }

    interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    /**
     * Runs one statement. A text search ({@code planOnce}) is planned once per connection for any words and filter
     * values (a generic plan): its plan is the same whatever the values (one GIN lookup of the words and tags, then
     * ranking, facets and the page over the matches), and planning it for each search's own values cost PostgreSQL
     * ~0.7 ms a search, a fifth of the search itself. The other statements keep the service's default (planned for
     * their values, application.properties): without words, a plan for "any values" may not suit a LIMIT or a filter
     * matching most entries.
     */
    private void run(String sql, List<Object> params, int fetchSize, boolean planOnce, RowHandler handler) {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, planOnce ? PLANNED_ONCE_BEFORE + sql + PLANNED_ONCE_AFTER : sql, params, fetchSize, handler);
        } catch (SQLException e) {
            throw new IllegalStateException("search failed: " + e.getMessage(), e);
        }
    }

    /*
     * A text search between these: the connection plans it generically, then goes back to the pool's default. The
     * three statements are one string, so PostgreSQL gets them in one round trip (pgjdbc sends a string's statements
     * together, each server-prepared after prepareThreshold uses: the generic plan is kept per connection); two more
     * round trips a search cost raw PostgreSQL ~5% of its throughput in pgbench. If the search fails, its implicit
     * transaction rolls the SET back: the connection never stays generic.
     */
    private static final String PLANNED_ONCE_BEFORE = "SET plan_cache_mode = force_generic_plan; ";
    private static final String PLANNED_ONCE_AFTER = "; RESET plan_cache_mode";

    private static void execute(Connection connection, String sql, List<Object> params, int fetchSize,
                                RowHandler handler) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object param = params.get(i);
                if (param instanceof ArrayParam array) {
                    statement.setArray(i + 1, connection.createArrayOf(array.elementType(), array.values()));
                } else {
                    statement.setObject(i + 1, param);
                }
            }
            if (fetchSize > 0) {
                statement.setFetchSize(fetchSize);
            }
            // one result set: the query's (a SET or RESET around it answers an update count)
            for (boolean rows = statement.execute(); rows || statement.getUpdateCount() != -1; rows = statement.getMoreResults()) {
                if (rows) {
                    try (ResultSet rs = statement.getResultSet()) {
                        while (rs.next()) {
                            handler.accept(rs);
                        }
                    }
                }
            }
        }
    }

    /**
     * A hit from the columns {@link #HIT_COLUMNS}, rank (18) and {@link #TRANSLATED_TEXTS} (19). Its title and
     * summary are in the language {@code shown} chooses among the original and the approved translations (the
     * platform's one negotiation, {@link LanguagePreference#choose}: the preferred, then English, then the original),
     * or the original when {@code shown} is null.
     */
    private SearchDtos.Hit hit(ResultSet rs, LanguagePreference shown) throws SQLException {
        float rank = rs.getFloat(18);
        Float rankOrNull = rs.wasNull() ? null : rank;
        String original = rs.getString(14);
        String title = rs.getString(2);
        String summary = rs.getString(4);
        String language = original;
        String translated = shown == null ? null : rs.getString(19);
        if (translated != null) {
            JsonNode texts = json(translated);
            Map<UnLanguage, String> titles = new EnumMap<>(UnLanguage.class);
            texts.fields().forEachRemaining(t -> UnLanguage.ofTag(t.getKey()).ifPresent(l -> titles.put(l, t.getValue().path(0).asText(null))));
            UnLanguage originalLanguage = UnLanguage.ofTag(original).orElse(null);
            if (originalLanguage != null) {
                titles.put(originalLanguage, title);
            }
            UnLanguage chosen = shown.choose(titles, originalLanguage).orElse(originalLanguage);
            if (chosen != null && chosen != originalLanguage) {
                JsonNode text = texts.get(chosen.code());
                title = text.path(0).asText();
                summary = text.path(1).asText(null);
                language = chosen.code();
            }
        }
        return new SearchDtos.Hit(rs.getObject(1, UUID.class), title, rs.getString(3), summary,
                strings(rs.getArray(5)), strings(rs.getArray(6)), strings(rs.getArray(7)), rs.getString(8),
                ints(rs.getArray(9)), strings(rs.getArray(10)), strings(rs.getArray(11)),
                (Integer) rs.getObject(12), rs.getString(13), language, original, rs.getBoolean(15),
                strings(rs.getArray(16)), rs.getObject(17, OffsetDateTime.class), rankOrNull);
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable search row", e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static List<Integer> ints(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((Integer[]) array.getArray());
    }
}
