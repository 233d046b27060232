package org.wsis.indicators.provider;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.wsis.commons.audit.AuditLog;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.security.Roles;
import org.wsis.indicators.IndicatorRoles;

import java.util.List;

/**
 * A data provider (UNGIS member agency) looks up what it may submit; ITU staff (platform-admin) say which agency
 * provides which indicator, without a deployment (issue 20 item 4), each change audited.
 */
@Path("/api/v1/providers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data providers")
public class ProviderResource {
    /** An agency code as the token's 'agency' claim carries it, e.g. ITU, UNESCO, UNDESA. */
    static final String AGENCY = "[A-Z][A-Z0-9_-]{1,31}";
    /** An indicator code, e.g. IT_USE_ii99. */
    static final String CODE = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

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

    @GET
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(operationId = "listProviders", summary = "Every agency and the indicators it may submit (platform admins)")
    @APIResponse(responseCode = "200", description = "The agencies, by code",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProviderView.class, type = SchemaType.ARRAY)))
    public List<ProviderView> list() {
        return providers.list();
    }

    @PUT
    @Path("{agency}/indicators/{code}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "provider.indicator-granted")
    @Operation(operationId = "grantProviderIndicator",
            summary = "Let an agency submit data for an indicator (platform admins; onboards a new agency with its first indicator)")
    @APIResponse(responseCode = "201", description = "Granted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProviderView.class)))
    @APIResponse(responseCode = "200", description = "Already granted: nothing changed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProviderView.class)))
    @APIResponse(responseCode = "400", description = "A malformed agency or indicator code")
    @APIResponse(responseCode = "404", description = "No such indicator")
    public Response grant(@PathParam("agency") @Pattern(regexp = AGENCY, message = "must be an agency code such as UNESCO") String agency,
                          @PathParam("code") @Pattern(regexp = CODE, message = "must be an indicator code such as IT_USE_ii99") String code) {
        boolean granted = providers.grant(agency, code);
        return Response.status(granted ? 201 : 200).entity(providers.of(agency)).build();
    }

    @DELETE
    @Path("{agency}/indicators/{code}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "provider.indicator-revoked")
    @Operation(operationId = "revokeProviderIndicator", summary = "Stop an agency submitting data for an indicator (platform admins); its published data stays")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "400", description = "A malformed agency or indicator code")
    @APIResponse(responseCode = "404", description = "The agency does not provide that indicator")
    public Response revoke(@PathParam("agency") @Pattern(regexp = AGENCY, message = "must be an agency code such as UNESCO") String agency,
                           @PathParam("code") @Pattern(regexp = CODE, message = "must be an indicator code such as IT_USE_ii99") String code) {
        providers.revoke(agency, code);
        return Response.noContent().build();
    }
}
