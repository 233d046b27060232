package org.wsis.prizes.edition;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.wsis.commons.http.EditableRepresentation;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.wsis.commons.audit.AuditLog;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.http.Preconditions;
import org.wsis.prizes.PrizeRoles;

import java.util.List;

/** Editions (one per year) and their phase dates. */
@Path("/api/v1/editions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Editions")
public class EditionResource {
    private final EditionService editions;
    private final EditableRepresentation representation;

    public EditionResource(EditionService editions, EditableRepresentation representation) {
        this.representation = representation;
        this.editions = editions;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listPrizeEditions", summary = "All editions, newest first, with the phase in force")
    public List<EditionDtos.EditionView> list() {
        return editions.list().stream().map(e -> EditionDtos.EditionView.of(e, editions.phaseNow(e))).toList();
    }

    @GET
    @Path("{year}")
    @PermitAll
    @Operation(operationId = "getPrizeEdition", summary = "One edition with the phase in force")
    @APIResponse(responseCode = "200", description = "The edition",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EditionDtos.EditionView.class)))
    public Response get(@PathParam("year") int year) {
        Edition edition = editions.get(year);
        return Response.ok(EditionDtos.EditionView.of(edition, editions.phaseNow(edition)))
                .tag(Preconditions.etag(edition.year, edition.version)).build();
    }

    @PUT
    @Path("{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PrizeRoles.ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "edition.created,edition.updated,edition.changed-after-voting-opened")
    @Operation(operationId = "putPrizeEdition", summary = "Create the edition of a year, or move its phase dates (If-Match required to update)",
            description = "Once voting has opened the rules are frozen: only resultsOpen and ceremonyAt may move later, "
                    + "with a changeReason, and each change is audited (409 rules-frozen otherwise). "
                    + EditableRepresentation.ECHO_ACCEPTED)
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = EditionDtos.EditionRequest.class)))
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(schema = @Schema(implementation = EditionDtos.EditionView.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = EditionDtos.EditionView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body")
    @APIResponse(responseCode = "403", description = "Not a prize administrator")
    @APIResponse(responseCode = "409", description = "Rules frozen (voting opened) or results published")
    @APIResponse(responseCode = "412", description = "If-Match does not match")
    @APIResponse(responseCode = "422", description = "Dates out of order, no changeReason after voting opened, or a read-only field with another value than the stored one")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response put(@PathParam("year") @Min(2012) @Max(9999) int year,
                        @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body,
                        @Context UriInfo uri) throws JsonProcessingException {
        boolean exists = Edition.findById(year) != null;
        EditionDtos.EditionView stored = null;
        if (exists) {
            Edition current = editions.editable(year, ifMatch);
            stored = EditionDtos.EditionView.of(current, editions.phaseNow(current));
        }
        EditionDtos.EditionRequest request = representation.replacement(body, stored, EditionDtos.EditionRequest.class);
        Edition edition = exists ? editions.update(year, request, ifMatch) : editions.create(request, year);
        Response.ResponseBuilder response = exists ? Response.ok() : Response.created(uri.getAbsolutePath());
        return response.entity(EditionDtos.EditionView.of(edition, editions.phaseNow(edition)))
                .tag(Preconditions.etag(edition.year, edition.version)).build();
    }

    @GET
    @Path("{year}/audit")
    @RolesAllowed(PrizeRoles.ADMIN)
    @Operation(operationId = "getPrizeEditionAudit", summary = "Changes made to an edition after its voting opened (who, when, why, before and after)")
    @APIResponse(responseCode = "200", description = "The audit trail, oldest first",
            content = @Content(schema = @Schema(implementation = EditionDtos.AuditEntry.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "403", description = "Not a prize administrator")
    @APIResponse(responseCode = "404", description = "No such edition")
    public List<EditionDtos.AuditEntry> audit(@PathParam("year") int year) {
        return editions.audit(year);
    }
}
