package org.wsis.indicators.indicator;

import jakarta.annotation.security.PermitAll;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.problem.ProblemException;

import java.util.List;

// Public reads: open to anyone, said explicitly (services deny endpoints without a security annotation)
@PermitAll
@Path("/api/v1/indicators")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Indicators")
public class IndicatorResource {

    public record IndicatorView(String code, String name, String unit, int unitMultiplier, @Schema(nullable = true) String sdgIndicator, @Schema(nullable = true) String custodian,
                                @Schema(nullable = true) String methodology, List<String> providers) {
        static IndicatorView of(Indicator i) {
            return new IndicatorView(i.code, i.name, i.unit, i.unitMultiplier, i.sdgIndicator, i.custodian, i.methodology, List.of());
        }
    }

    @GET
    @Operation(operationId = "listIndicators", summary = "All indicator definitions")
    public List<IndicatorView> list() {
        return Indicator.<Indicator>listAll(Sort.by("code")).stream().map(IndicatorView::of).toList();
    }

    @GET
    @Path("{code}")
    @Operation(operationId = "getIndicator", summary = "One indicator definition")
    public IndicatorView get(@PathParam("code") String code) {
        Indicator indicator = Indicator.findById(code);
        if (indicator == null) {
            throw ProblemException.notFound("Indicator", code);
        }
        return IndicatorView.of(indicator);
    }
}
