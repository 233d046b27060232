package org.wsis.indicators.observation;

import jakarta.annotation.security.PermitAll;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Published observations as JSON: by indicator, economy, period range and breakdown, paginated. */
// Public reads: open to anyone, said explicitly (services deny endpoints without a security annotation)
@PermitAll
@Path("/api/v1/observations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Observations")
public class ObservationResource {

    public record ObservationView(String indicator, String economy, String sex, String age, String urbanisation,
                                  int period, @Schema(nullable = true) Double value, String status, @Schema(nullable = true) String note, String provider, UUID batchId,
                                  OffsetDateTime publishedAt, @Schema(nullable = true) OffsetDateTime supersededAt) {
        public static ObservationView of(ObservationStore.Row r) {
            return new ObservationView(r.indicator(), r.economy(), r.sex(), r.age(), r.urbanisation(), r.period(), r.value(),
                    r.status(), r.note(), r.provider(), r.batchId(), r.publishedAt(), r.supersededAt());
        }
    }

    private final ObservationStore store;

    public ObservationResource(ObservationStore store) {
        this.store = store;
    }

    @GET
    @Operation(operationId = "listObservations", summary = "Observations (current values, or as published on a date with asOf)")
    @APIResponse(responseCode = "200", description = "A page of observations",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ObservationView.class, type = SchemaType.ARRAY)))
    public Response list(@Parameter(description = "indicator codes: repeat the parameter or separate with commas") @QueryParam("indicator") List<String> indicator,
                         @Parameter(description = "economy codes (ISO alpha-3 or aggregate): repeat the parameter or separate with commas") @QueryParam("economy") List<String> economy,
                         @Parameter(description = "repeat or separate with commas") @QueryParam("sex") List<String> sex,
                         @Parameter(description = "repeat or separate with commas") @QueryParam("age") List<String> age,
                         @Parameter(description = "repeat or separate with commas") @QueryParam("urbanisation") List<String> urbanisation,
                         @QueryParam("from") Integer from, @QueryParam("to") Integer to,
                         @Parameter(description = "a date (2025-06-30) or instant: values as published then") @QueryParam("asOf") String asOf,
                         @BeanParam @Valid PageParams page, @Context UriInfo uri) {
        if (from != null && to != null && from > to) {
            throw ProblemException.invalid("from", "must not be after 'to'");
        }
        ObservationStore.Criteria criteria = new ObservationStore.Criteria(split(indicator), split(economy), split(sex),
                split(age), split(urbanisation), from, to, parseInstant("asOf", asOf), null, null);
        List<ObservationView> items;
        try {
            items = store.find(criteria, page.size, page.offset()).stream().map(ObservationView::of).toList();
        } catch (ObservationStore.PublishInProgress e) {
            throw ProblemException.unavailable(e.getMessage(), 5);
        }
        return new Page<>(items, page.page, page.size, store.count(criteria)).toResponse(uri);
    }

    @GET
    @Path("vintages")
    @Operation(operationId = "listObservationVintages", summary = "Every published vintage (revision history) of one indicator for one economy")
    public List<ObservationView> vintages(@QueryParam("indicator") String indicator, @QueryParam("economy") String economy,
                                          @QueryParam("period") Integer period) {
        if (indicator == null || indicator.isBlank()) {
            throw ProblemException.malformed("indicator", "is required");
        }
        if (economy == null || economy.isBlank()) {
            throw ProblemException.malformed("economy", "is required");
        }
        ObservationStore.Criteria criteria = new ObservationStore.Criteria(List.of(indicator), List.of(economy), null, null,
                null, period, period, null, null, null);
        return store.vintages(criteria, 1000).stream().map(ObservationView::of).toList();
    }

    /** Repeated values and comma-separated ones alike (issue 15: a repeated value was silently dropped). */
    static List<String> split(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<String> all = values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return all.isEmpty() ? null : all;
    }

    /** A date means the end of that day (UTC): "as published on 2025-06-30". */
    public static Instant parseInstant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1000);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.malformed(field, "must be a date (2025-06-30) or an ISO 8601 date-time with offset");
        }
    }
}
