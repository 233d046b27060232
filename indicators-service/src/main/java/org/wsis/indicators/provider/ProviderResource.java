package org.wsis.indicators.provider;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.indicators.IndicatorRoles;

import java.util.List;

/** A data provider (UNGIS member agency) looks up what it may submit. */
@Path("/api/v1/providers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data providers")
public class ProviderResource {

    public record ProviderView(String agency, List<String> indicators) {
    }

    private final ProviderService providers;

    public ProviderResource(ProviderService providers) {
        this.providers = providers;
    }

    @GET
    @Path("me")
    @RolesAllowed(IndicatorRoles.PUBLISHER)
    @Operation(operationId = "getMyProvider", summary = "The calling agency (from the token's 'agency' claim) and the indicators it provides")
    public ProviderView me() {
        return providers.mine();
    }
}
