package org.wsis.indicators.idi;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Index values computed on read from one methodology version and the published observation vintages
 * (current ones, or those known at asOf). Nothing is stored, so nothing is overwritten: methodology
 * versions and vintages are immutable, and the same inputs always give the same value.
 * Public reads: open to anyone, said explicitly (services deny endpoints without a security annotation).
 * Thin: the checks, the queries and the computation are {@link IdiService}'s; this maps them to HTTP.
 */
@PermitAll
@Path("/api/v1/idi")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ICT Development Index")
public class IdiResource {

    @Schema(name = "IdiScore", description = "An index value with everything needed to reproduce it")
    public record IdiScoreView(String economy, int period, String methodology, int methodologyVersion,
                               @Schema(description = "true only when the methodology version is marked official (ITU's published values)") boolean official,
                               String label, double scale,
                               @Schema(nullable = true, description = "null when a component is missing (never scored as zero)") Double score,
                               boolean complete, List<String> missingComponents,
                               @Schema(nullable = true, description = "the data as known at this time (asOf); null = current values") OffsetDateTime asOf,
                               List<PillarView> pillars, List<ComponentView> components) {
    }

    @Schema(name = "IdiPillarScore")
    public record PillarView(String code, String name, double weight,
                             @Schema(description = "share of the index: weight / sum of pillar weights") double effectiveWeight,
                             @Schema(nullable = true) Double score) {
    }

    @Schema(name = "IdiComponentScore", description = "One component: raw value, the vintage it came from, normalised score and weight")
    public record ComponentView(String pillar, String indicator,
                                @Schema(nullable = true) Double value,
                                @Schema(nullable = true, description = "0..1 between the goalposts") Double normalised,
                                double weight,
                                @Schema(description = "share of the index: pillar share x weight / sum of weights in the pillar") double effectiveWeight,
                                @Schema(nullable = true, description = "scale x effectiveWeight x normalised; the contributions sum to the score") Double contribution,
                                @Schema(nullable = true, description = "the observation vintage used (its id is the change-feed cursor)") Long observationId,
                                @Schema(nullable = true) OffsetDateTime publishedAt,
                                @Schema(nullable = true) UUID batchId,
                                @Schema(nullable = true) String status) {
    }

    @Schema(name = "IdiComponent")
    public record ComponentDefinitionView(String methodology, int methodologyVersion, String pillar, String pillarName,
                                          @Schema(nullable = true) Double pillarWeight, String indicator,
                                          @Schema(nullable = true) Double weight, @Schema(nullable = true) String transform,
                                          @Schema(nullable = true) Double zeroValue, @Schema(nullable = true) Double referenceValue) {
    }

    private final IdiService idi;

    public IdiResource(IdiService idi) {
        this.idi = idi;
    }

    @GET
    @Operation(operationId = "listIdiScores",
            summary = "Index values by economy and year, computed from one methodology version and the published component vintages (asOf: as known then)")
    @APIResponse(responseCode = "200", description = "A page of complete index values (economy-years missing a component are left out; see explain)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IdiScoreView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Bad page or size")
    @APIResponse(responseCode = "404", description = "No such methodology or version")
    @APIResponse(responseCode = "409", description = "The methodology version lacks goalposts, transforms or weights (not computable)")
    @APIResponse(responseCode = "400", description = "A malformed economy list, a period outside 1960-2100, or a bad asOf")
    @APIResponse(responseCode = "422", description = "period and from/to together, from after to, an unknown economy, or a query over too many observations")
    @APIResponse(responseCode = "503", description = "asOf: a publication is being committed; ask again (Retry-After)")
    public Response list(@Parameter(description = "methodology id (default: indicators.idi.default-methodology, IDI2017)") @QueryParam("methodology") String methodology,
                         @Parameter(description = "methodology version (default: the latest)") @QueryParam("version") Integer version,
                         @Parameter(description = "economy codes (ISO alpha-3 or UN M49), comma-separated") @QueryParam("economy") String economy,
                         @QueryParam("period") Integer period, @QueryParam("from") Integer from, @QueryParam("to") Integer to,
                         @Parameter(description = "a date (2025-06-30) or instant: the index as computed from the data published by then") @QueryParam("asOf") String asOf,
                         @BeanParam @Valid PageParams page, @Context UriInfo uri) {
        List<IdiScoreView> scores = idi.scores(methodology, version, economy, period, from, to, asOf);
        int start = Math.min(scores.size(), page.offset());
        List<IdiScoreView> items = scores.subList(start, Math.min(scores.size(), start + page.size));
        return new Page<>(items, page.page, page.size, scores.size()).toResponse(uri);
    }

    @GET
    @Path("explain")
    @Operation(operationId = "explainIdiScore",
            summary = "How one economy-year's index value is made: per component the raw value and its vintage, the normalised score, the weights and the contribution")
    @APIResponse(responseCode = "200", description = "The value and its components (score null and missingComponents listed when a component is missing)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IdiScoreView.class)))
    @APIResponse(responseCode = "404", description = "No such methodology or version")
    @APIResponse(responseCode = "409", description = "The methodology version lacks goalposts, transforms or weights (not computable)")
    @APIResponse(responseCode = "400", description = "economy or period missing, a period outside 1960-2100, or a bad asOf")
    @APIResponse(responseCode = "422", description = "An unknown economy")
    @APIResponse(responseCode = "503", description = "asOf: a publication is being committed; ask again (Retry-After)")
    public IdiScoreView explain(@QueryParam("methodology") String methodology, @QueryParam("version") Integer version,
                                @Parameter(description = "one economy (ISO alpha-3 or UN M49)", required = true) @QueryParam("economy") String economy,
                                @Parameter(required = true) @QueryParam("period") Integer period,
                                @QueryParam("asOf") String asOf) {
        return idi.explain(methodology, version, economy, period, asOf);
    }

    @GET
    @Path("components")
    @Operation(operationId = "listIdiComponents", summary = "The indicators of one methodology version with pillar, weight, transform and goalposts")
    @APIResponse(responseCode = "200", description = "The components",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ComponentDefinitionView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such methodology or version")
    public List<ComponentDefinitionView> components(@QueryParam("methodology") String methodology, @QueryParam("version") Integer version) {
        return idi.components(methodology, version);
    }
}
