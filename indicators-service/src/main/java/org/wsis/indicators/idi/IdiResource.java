package org.wsis.indicators.idi;

import jakarta.annotation.security.PermitAll;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;

import java.time.OffsetDateTime;
import java.util.List;

// Public reads: open to anyone, said explicitly (services deny endpoints without a security annotation)
@PermitAll
@Path("/api/v1/idi")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ICT Development Index")
public class IdiResource {

    /**
     * official is always false and methodology says why: the goalposts are this service's approximations
     * (constants in IdiCalculator), not ITU's published table, so no score here may pass for an official IDI.
     */
    public record IdiView(String economy, int period, double idi, double universalConnectivity,
                          double meaningfulConnectivity, OffsetDateTime computedAt, boolean official, String methodology) {
        IdiView(String economy, int period, double idi, double universalConnectivity, double meaningfulConnectivity,
                OffsetDateTime computedAt) {
            this(economy, period, idi, universalConnectivity, meaningfulConnectivity, computedAt, false, UNOFFICIAL);
        }
    }

    static final String UNOFFICIAL = "Unofficial: the ten components and two pillars of ITU's IDI 2023 structure, with goalposts "
            + "approximated by this service (not ITU's published values). Not the ITU ICT Development Index.";

    public record ComponentView(String indicator, String pillar, String scale, double lowerGoalpost, double upperGoalpost) {
    }

    private final EntityManager entityManager;

    public IdiResource(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @GET
    @Operation(operationId = "listIdiScores", summary = "Unofficial IDI-like scores (IDI 2023 structure, approximated goalposts) from current component values, by economy and year")
    @APIResponse(responseCode = "200", description = "A page of IDI scores",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IdiView.class, type = SchemaType.ARRAY)))
    public Response list(@QueryParam("economy") String economy, @QueryParam("period") Integer period,
                         @BeanParam @Valid PageParams page, @Context UriInfo uri) {
        String where = " WHERE (CAST(?1 AS text) IS NULL OR economy_code = ?1) AND (CAST(?2 AS int) IS NULL OR period = ?2)";
        long total = ((Number) entityManager.createNativeQuery("SELECT count(*) FROM idi_score" + where)
                .setParameter(1, economy).setParameter(2, period).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("""
                        SELECT economy_code, period, idi, universal_connectivity, meaningful_connectivity, computed_at
                        FROM idi_score""" + where + " ORDER BY period DESC, idi DESC, economy_code LIMIT ?3 OFFSET ?4", Tuple.class)
                .setParameter(1, economy).setParameter(2, period).setParameter(3, page.size).setParameter(4, page.offset())
                .getResultList();
        List<IdiView> items = rows.stream().map(t -> new IdiView(t.get(0, String.class), ((Number) t.get(1)).intValue(),
                ((Number) t.get(2)).doubleValue(), ((Number) t.get(3)).doubleValue(), ((Number) t.get(4)).doubleValue(),
                t.get(5) instanceof java.time.Instant i ? i.atOffset(java.time.ZoneOffset.UTC) : (OffsetDateTime) t.get(5))).toList();
        return new Page<>(items, page.page, page.size, total).toResponse(uri);
    }

    @GET
    @Path("components")
    @Operation(operationId = "listIdiComponents", summary = "The ten IDI components with their pillar and goalposts")
    public List<ComponentView> components() {
        return IdiCalculator.COMPONENTS.stream().map(c -> new ComponentView(c.indicator(), c.pillar().name(),
                c.scale().name(), c.lower(), c.upper())).toList();
    }
}
