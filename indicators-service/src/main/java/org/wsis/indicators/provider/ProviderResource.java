package org.wsis.indicators.provider;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.indicators.IndicatorRoles;

import java.util.List;

/** A data provider (UNGIS member agency) looks up what it may submit. */
@Path("/api/v1/providers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data providers")
public class ProviderResource {

    public record ProviderView(String agency, List<String> indicators) {
    }

    private final CurrentUser caller;
    private final EntityManager entityManager;

    public ProviderResource(CurrentUser caller, EntityManager entityManager) {
        this.caller = caller;
        this.entityManager = entityManager;
    }

    @GET
    @Path("me")
    @RolesAllowed(IndicatorRoles.PUBLISHER)
    @Operation(operationId = "getMyProvider", summary = "The calling agency (from the token's 'agency' claim) and the indicators it provides")
    public ProviderView me() {
        String agency = caller.agency().orElseThrow(() ->
                ProblemException.forbidden("The token carries no 'agency' claim: only agency clients and agency staff provide data"));
        @SuppressWarnings("unchecked")
        List<String> codes = entityManager.createNativeQuery(
                "SELECT indicator_code FROM indicator_provider WHERE agency = ?1 ORDER BY indicator_code")
                .setParameter(1, agency).getResultList();
        return new ProviderView(agency, codes);
    }
}
