package org.wsis.stocktaking.search;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class SearchDtos {
    private SearchDtos() {
    }

    /**
     * One entry in search results and exports; {@code summary} is the start of the description. Search results show
     * title and summary in the language Accept-Language chooses among the original and the approved translations
     * ({@code language}; {@code originalLanguage} is the owner's); exports show the original.
     */
    public record Hit(UUID id, String title, String organisation, @Schema(nullable = true) String summary, List<String> actionLines,
                      List<String> countries, List<String> regions, @Schema(nullable = true) String stakeholderType, List<Integer> sdgs,
                      List<String> sdgTargets, List<String> targetGroups, @Schema(nullable = true) Integer year, @Schema(nullable = true) String projectStatus,
                      @Schema(nullable = true, description = "The language title and summary are in") String language,
                      @Schema(nullable = true, description = "The language the owner wrote the entry in (what the language filter and facet count)") String originalLanguage,
                      boolean successStory, List<String> prizeOutcomes, @Schema(nullable = true) OffsetDateTime publishedAt,
                      @Schema(nullable = true) Float rank) {
    }

    public record FacetValue(String value, long count) {
    }

    /** A page of hits with the total and, per filter, how many of all matching entries carry each value. */
    public record SearchResult(List<Hit> items, int page, int size, long total, Map<String, List<FacetValue>> facets) {
    }

    /** Counts of matching entries, per facet (actionLine, region, country, stakeholderType, sdg, targetGroup, year, status, language, prize). */
    public record Facets(long total, Map<String, List<FacetValue>> byFacet) {
    }
}
