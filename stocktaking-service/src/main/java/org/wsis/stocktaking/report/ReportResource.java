package org.wsis.stocktaking.report;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.stocktaking.search.SearchDtos;
import org.wsis.stocktaking.search.SearchFilters;
import org.wsis.stocktaking.search.SearchService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The figures behind the yearly global stocktaking report and the six regional reports (one per
 * ITU region), and the success stories. Computed from published entries in SQL on each request.
 */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@PermitAll
public class ReportResource {
    /** Counts of published entries in the year range (and region, for a regional report). */
    public record StocktakingReport(@Schema(nullable = true) Integer fromYear, @Schema(nullable = true) Integer toYear, List<String> regions, long entries,
                                    long successStories, Map<String, List<SearchDtos.FacetValue>> counts) {
    }

    private final SearchService search;

    public ReportResource(SearchService search) {
        this.search = search;
    }

    @GET
    @Path("stocktaking")
    @Operation(operationId = "getStocktakingReport", summary = "Counts of published entries by action line, region, country, stakeholder type, SDG, target group, year, status and prize",
            description = "fromYear/toYear bound the stocktaking year (both optional); region (repeatable) makes it a regional report.")
    public StocktakingReport stocktaking(@QueryParam("fromYear") String fromYear, @QueryParam("toYear") String toYear,
                                         @QueryParam("region") List<String> regions) {
        SearchFilters filters = filters(fromYear, toYear, regions);
        SearchDtos.Facets counts = search.facetsOnly(filters);
        long successStories = search.facetsOnly(filters(fromYear, toYear, regions).successStoriesOnly()).total();
        return new StocktakingReport(filters.from(), filters.to(), filters.region, counts.total(),
                successStories, counts.byFacet());
    }

    @GET
    @Path("success-stories")
    @Operation(operationId = "listSuccessStories", summary = "Published entries marked as success stories; takes the filters of the search",
            description = "Titles and summaries in the language Accept-Language chooses, as in the search.")
    @APIResponse(responseCode = "200", description = "A page of success stories",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SearchDtos.Hit.class, type = SchemaType.ARRAY)))
    public Response successStories(@BeanParam @Valid SearchFilters filters, @BeanParam @Valid PageParams page,
                                   @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @Context UriInfo uri) {
        SearchDtos.SearchResult result = search.search(filters.successStoriesOnly(), "newest", false, page,
                LanguagePreference.parse(acceptLanguage));
        return Response.fromResponse(new Page<>(result.items(), page.page, page.size, result.total()).toResponse(uri))
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    private static SearchFilters filters(String fromYear, String toYear, List<String> regions) {
        SearchFilters filters = new SearchFilters();
        filters.fromYear = fromYear;
        filters.toYear = toYear;
        filters.region = regions == null ? new ArrayList<>() : new ArrayList<>(regions);
        return filters;
    }
}
