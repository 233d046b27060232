package org.wsis.indicators.provider;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.wsis.commons.audit.AuditLog;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.security.Roles;
import org.wsis.commons.text.PlainText;

import java.util.List;

/**
 * The agencies that may provide data (UNGIS members): public list; ITU staff (platform-admin) add a new member and
 * rename one, so it can be granted indicators (PUT /api/v1/providers/{agency}/indicators/{code}) with no migration.
 */
@Path("/api/v1/agencies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data providers")
public class AgencyResource {
    public record AgencyView(String code, String name, List<String> indicators) {
    }

    public record NewAgency(@NotNull @Pattern(regexp = ProviderResource.AGENCY, message = "must be an agency code such as UNESCO") String code,
                            @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String name) {
    }

    public record AgencyName(@NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String name) {
    }

    private final ProviderService providers;

    public AgencyResource(ProviderService providers) {
        this.providers = providers;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listAgencies", summary = "The agencies that may provide data, with the indicators each provides")
    @APIResponse(responseCode = "200", description = "The agencies, by code",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AgencyView.class, type = SchemaType.ARRAY)))
    public List<AgencyView> list() {
        return providers.agencies();
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "agency.created")
    @Operation(operationId = "createAgency", summary = "Add an agency (a new UNGIS member; ITU staff, platform admins), then grant it indicators")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AgencyView.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed field")
    @APIResponse(responseCode = "409", description = "An agency with this code exists")
    public Response create(@NotNull @Valid NewAgency request, @Context UriInfo uri) {
        AgencyView agency = providers.createAgency(request.code(), request.name().strip());
        return Response.created(uri.getBaseUriBuilder().path("api/v1/agencies").path(agency.code()).build()).entity(agency).build();
    }

    @PUT
    @Path("{code}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "agency.renamed")
    @Operation(operationId = "renameAgency", summary = "Rename an agency (ITU staff, platform admins); the same name again changes nothing")
    @APIResponse(responseCode = "200", description = "The agency as it now is",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AgencyView.class)))
    @APIResponse(responseCode = "400", description = "A malformed code or name")
    @APIResponse(responseCode = "404", description = "No such agency")
    public AgencyView rename(@PathParam("code") @Pattern(regexp = ProviderResource.AGENCY, message = "must be an agency code such as UNESCO") String code,
                             @NotNull @Valid AgencyName body) {
        return providers.renameAgency(code, body.name().strip());
    }
}
