package org.wsis.commons.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.security.Roles;

/**
 * {@code GET /api/v1/audit} in every service (this resource ships in service-commons): the service's audit log
 * for platform admins, newest first. The gateway's merged document names it per service
 * ({@code stocktakingListAuditEntries}...), as it does every operation id two services share.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {
    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(operationId = "listAuditEntries",
            summary = "This service's audit log: admin and moderator decisions, newest first (platform admins)")
    @APIResponse(responseCode = "200", description = "A page of audit entries",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AuditEntry.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "A filter that is not well formed")
    @APIResponse(responseCode = "422", description = "'to' not after 'from'")
    public Response list(@BeanParam @Valid AuditQuery query, @BeanParam @Valid PageParams page, @Context UriInfo uri) {
        return audit.search(query.toFilter(), page).toResponse(uri);
    }
}
