package org.wsis.indicators.idi;

import jakarta.annotation.security.PermitAll;
import jakarta.persistence.EntityManager;
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
import org.wsis.indicators.IndicatorsConfig;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;
import org.wsis.indicators.observation.ObservationResource;
import org.wsis.indicators.observation.ObservationStore;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Index values computed on read from one methodology version and the published observation vintages
 * (current ones, or those known at asOf). Nothing is stored, so nothing is overwritten: methodology
 * versions and vintages are immutable, and the same inputs always give the same value.
 * Public reads: open to anyone, said explicitly (services deny endpoints without a security annotation).
 */
@PermitAll
@Path("/api/v1/idi")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ICT Development Index")
public class IdiResource {

    /** Component observations read for one request at most: keeps memory bounded whatever is asked. */
    static final int MAX_COMPONENT_ROWS = 100_000;
    private static final java.util.regex.Pattern ECONOMY = java.util.regex.Pattern.compile("[A-Za-z0-9_]{1,16}");

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

    private final MethodologyStore methodologies;
    private final ObservationStore observations;
    private final EntityManager entityManager;
    private final String defaultMethodology;

    public IdiResource(MethodologyStore methodologies, ObservationStore observations, EntityManager entityManager,
                       IndicatorsConfig config) {
        this.methodologies = methodologies;
        this.observations = observations;
        this.entityManager = entityManager;
        this.defaultMethodology = config.idi().defaultMethodology();
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
        Methodology m = computable(methodology, version);
        if (period != null && (from != null || to != null)) {
            throw ProblemException.invalid("period", "give period or from/to, not both");
        }
        Integer periodFrom = period != null ? period : from;
        Integer periodTo = period != null ? period : to;
        checkPeriod("from", periodFrom);
        checkPeriod("to", periodTo);
        if (periodFrom != null && periodTo != null && periodFrom > periodTo) {
            throw ProblemException.invalid("from", "must not be after 'to'");
        }
        Instant at = ObservationResource.parseInstant("asOf", asOf);
        List<String> economies = split(economy);
        if (economies != null && (economies.size() > 300 || !economies.stream().allMatch(e -> ECONOMY.matcher(e).matches()))) {
            throw ProblemException.malformed("economy", "at most 300 economy codes (ISO alpha-3, aggregate or UN M49), comma-separated");
        }
        List<IdiScoreView> scores = compute(m, economies, periodFrom, periodTo, at).stream()
                .filter(IdiScoreView::complete)
                .sorted(Comparator.comparingInt(IdiScoreView::period).reversed()
                        .thenComparing(IdiScoreView::score, Comparator.reverseOrder())
                        .thenComparing(IdiScoreView::economy))
                .toList();
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
        Methodology m = computable(methodology, version);
        if (economy == null || economy.isBlank()) {
            throw ProblemException.malformed("economy", "is required");
        }
        if (period == null) {
            throw ProblemException.malformed("period", "is required");
        }
        checkPeriod("period", period);
        String code = economyCode(economy.trim());
        Instant at = ObservationResource.parseInstant("asOf", asOf);
        return compute(m, List.of(code), period, period, at).stream().findFirst()
                .orElseGet(() -> view(m, code, period, at, IdiCalculator.compute(m, Map.of())));
    }

    @GET
    @Path("components")
    @Operation(operationId = "listIdiComponents", summary = "The indicators of one methodology version with pillar, weight, transform and goalposts")
    @APIResponse(responseCode = "200", description = "The components",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ComponentDefinitionView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such methodology or version")
    public List<ComponentDefinitionView> components(@QueryParam("methodology") String methodology, @QueryParam("version") Integer version) {
        Methodology m = methodologies.require(methodology == null ? defaultMethodology : methodology, version);
        List<ComponentDefinitionView> result = new ArrayList<>();
        for (Methodology.Pillar p : m.pillars()) {
            for (Methodology.Component c : p.components()) {
                result.add(new ComponentDefinitionView(m.id(), m.version(), p.code(), p.name(), p.weight(), c.indicator(), c.weight(),
                        c.transform(), c.zeroValue(), c.referenceValue()));
            }
        }
        return result;
    }

    private Methodology computable(String id, Integer version) {
        Methodology m = methodologies.require(id == null || id.isBlank() ? defaultMethodology : id, version);
        if (!m.computable()) {
            throw ProblemException.conflict("IDI methodology " + m.id() + " version " + m.version() + " cannot compute values: "
                    + String.join("; ", m.notComputableBecause()) + ". Publish a version with them (POST /api/v1/idi/methodologies).");
        }
        return m;
    }

    private record EconomyYear(String economy, int period) {
    }

    /** Every economy-year with at least one component value, complete or not. */
    private List<IdiScoreView> compute(Methodology m, List<String> economies, Integer from, Integer to, Instant asOf) {
        ObservationStore.Criteria criteria = new ObservationStore.Criteria(m.indicatorCodes(), economies, List.of("_T"), List.of("_T"),
                List.of("_T"), from, to, asOf, null, null);
        List<ObservationStore.Row> rows;
        try {
            rows = observations.find(criteria, MAX_COMPONENT_ROWS + 1, 0);
        } catch (ObservationStore.PublishInProgress e) {
            throw ProblemException.unavailable(e.getMessage(), 5);
        }
        if (rows.size() > MAX_COMPONENT_ROWS) {
            throw ProblemException.invalid("economy", "the query spans more than " + MAX_COMPONENT_ROWS
                    + " component observations: narrow it with economy, period or from/to");
        }
        Map<EconomyYear, Map<String, IdiCalculator.Input>> inputs = new LinkedHashMap<>();
        for (ObservationStore.Row row : rows) {
            Map<String, IdiCalculator.Input> values = inputs.computeIfAbsent(new EconomyYear(row.economy(), row.period()), k -> new HashMap<>());
            if (row.value() != null) { // a missing value (status M) is a missing component, not a zero
                values.put(row.indicator(), new IdiCalculator.Input(row.value(), row.id(), row.publishedAt(), row.batchId(), row.status()));
            }
        }
        List<IdiScoreView> result = new ArrayList<>(inputs.size());
        inputs.forEach((key, values) -> result.add(view(m, key.economy(), key.period(), asOf, IdiCalculator.compute(m, values))));
        return result;
    }

    private static IdiScoreView view(Methodology m, String economy, int period, Instant asOf, IdiCalculator.Result r) {
        String label = (m.official() ? "Computed with ITU's official methodology " : "Unofficial: computed with methodology ")
                + m.id() + " version " + m.version() + " from the published component values"
                + (m.official() ? "" : " (the methodology is not marked official)")
                + "; same-year values, no imputation.";
        return new IdiScoreView(economy, period, m.id(), m.version(), m.official(), label, m.scale(), r.index(), r.complete(),
                r.missing(), asOf == null ? null : asOf.atOffset(ZoneOffset.UTC),
                r.pillars().stream().map(p -> new PillarView(p.code(), p.name(), p.weight(), p.effectiveWeight(), p.score())).toList(),
                r.components().stream().map(c -> new ComponentView(c.pillar(), c.indicator(), c.value(), c.normalised(), c.weight(),
                        c.effectiveWeight(), c.contribution(), c.observationId(), c.publishedAt(), c.batchId(), c.status())).toList());
    }

    private String economyCode(String economy) {
        if (!ECONOMY.matcher(economy).matches()) {
            throw ProblemException.malformed("economy", "must be an ISO alpha-3 code, an aggregate code, or UN M49");
        }
        @SuppressWarnings("unchecked")
        List<String> codes = entityManager.createNativeQuery("SELECT code FROM economy WHERE code = ?1 OR m49 = ?1")
                .setParameter(1, economy).getResultList();
        if (codes.isEmpty()) {
            throw ProblemException.invalid("economy", "unknown economy " + economy + " (ISO alpha-3, an aggregate code, or UN M49)");
        }
        return codes.get(0);
    }

    private static void checkPeriod(String field, Integer period) {
        if (period != null && (period < 1960 || period > 2100)) {
            throw ProblemException.malformed(field, "must be a year from 1960 to 2100");
        }
    }

    private static List<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return null;
        }
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
