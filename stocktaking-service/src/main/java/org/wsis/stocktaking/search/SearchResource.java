package org.wsis.stocktaking.search;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.csv.SpreadsheetCells;
import org.wsis.commons.problem.ProblemException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Public faceted full-text search over published entries, and its export. No sign-in needed. */
@Path("/api/v1/search")
@Tag(name = "Search")
@PermitAll
public class SearchResource {
    private static final String CSV = "text/csv";
    private final SearchService search;
    private final ObjectMapper mapper;

    public SearchResource(SearchService search, ObjectMapper mapper) {
        this.search = search;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "searchEntries", summary = "Search published entries",
            description = "q: words, \"phrases\", -excluded, OR (web search syntax) over title and description, "
                    + "stemmed in lang (default: the language of the query's script, Russian for Cyrillic, Arabic for Arabic, "
                    + "else English) and matched exactly in any language, without accents, Arabic vowel marks or letter "
                    + "variants; Chinese, Japanese and Korean are matched by character pairs. Filters (repeat one to match any "
                    + "of its values): actionLine, sdg, sdgTarget, country, region, stakeholderType, targetGroup, year, "
                    + "fromYear, toYear, status (project), language, successStory, prize. sort: relevance (default with q), "
                    + "newest, oldest, title. Facet counts per filter over all matches unless facets=false. "
                    + "X-Total-Count and Link headers page through the results. Each hit's title and summary are in the "
                    + "language Accept-Language chooses among the entry's original and its approved translations (then "
                    + "English, then the original): language says which, originalLanguage is the owner's.")
    @APIResponse(responseCode = "200", description = "A page of hits with facet counts",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SearchDtos.SearchResult.class)))
    public Response search(@BeanParam @Valid SearchFilters filters, @QueryParam("sort") String sort,
                           @QueryParam("facets") @DefaultValue("true") boolean facets,
                           @BeanParam @Valid PageParams page,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @Context UriInfo uri) {
        SearchDtos.SearchResult result = search.search(filters, sort, facets, page, LanguagePreference.parse(acceptLanguage));
        Response paged = new Page<>(result.items(), page.page, page.size, result.total()).toResponse(uri);
        return Response.fromResponse(paged).entity(result).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    @GET
    @Path("export")
    @Produces({CSV, MediaType.APPLICATION_JSON})
    @Operation(operationId = "exportEntries", summary = "Every entry matching a search, as CSV (format=csv, default) or a JSON array (format=json)",
            description = "Streamed in batches: any size of result can be exported. Takes the filters of the search. "
                    + "Titles and summaries are the originals, as their owners wrote them.")
    @APIResponse(responseCode = "200", description = "Every matching entry, as CSV or a JSON array", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = "application/json", schema = @Schema(implementation = SearchDtos.Hit.class, type = SchemaType.ARRAY))})
    public Response export(@BeanParam @Valid SearchFilters filters,
                           @QueryParam("format") @DefaultValue("csv") String format) {
        search.validate(filters); // before streaming starts, so bad filters are still a 400/422 problem
        return switch (format) {
            case "csv" -> Response.ok(csv(filters), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"wsis-stocktaking.csv\"").build();
            case "json" -> Response.ok(json(filters), MediaType.APPLICATION_JSON)
                    .header("Content-Disposition", "attachment; filename=\"wsis-stocktaking.json\"").build();
            default -> throw ProblemException.malformed("format", "must be csv or json");
        };
    }

    static final List<String> CSV_COLUMNS = List.of("id", "title", "organisation", "summary", "actionLines", "countries",
            "regions", "stakeholderType", "sdgs", "sdgTargets", "targetGroups", "year", "projectStatus", "language",
            "successStory", "prizeOutcomes", "publishedAt");

    private StreamingOutput csv(SearchFilters filters) {
        return output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            writer.write(String.join(",", CSV_COLUMNS) + "\r\n");
            try {
                search.export(filters, hit -> {
                    try {
                        writer.write(csvRow(hit));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
    }

    private StreamingOutput json(SearchFilters filters) {
        return output -> {
            try (JsonGenerator generator = mapper.getFactory().createGenerator(output)) {
                generator.writeStartArray();
                try {
                    search.export(filters, hit -> {
                        try {
                            mapper.writeValue(generator, hit);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                generator.writeEndArray();
            }
        };
    }

    /** Lists are joined with ';' inside one cell. */
    static String csvRow(SearchDtos.Hit h) {
        return List.of(h.id().toString(), h.title(), h.organisation(), h.summary(), join(h.actionLines()),
                        join(h.countries()), join(h.regions()), nullable(h.stakeholderType()), join(h.sdgs()),
                        join(h.sdgTargets()), join(h.targetGroups()), nullable(h.year()), nullable(h.projectStatus()),
                        h.language(), String.valueOf(h.successStory()), join(h.prizeOutcomes()), nullable(h.publishedAt()))
                .stream().map(SearchResource::csvCell).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(";"));
    }

    private static String nullable(Object value) {
        return value == null ? "" : value.toString();
    }

    /** RFC 4180 quoting, formula and blank-led cells neutralised (service-commons' SpreadsheetCells). */
    static String csvCell(String value) {
        return SpreadsheetCells.cell(value);
    }
}
