package org.wsis.indicators.idi;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
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
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.security.Roles;

import java.net.URI;
import java.util.List;

/**
 * Index methodologies as versioned data: anyone reads them; platform administrators (ITU staff) publish
 * versions. A published version never changes: a change is a new version. Reads say @PermitAll explicitly
 * (services deny endpoints without a security annotation); the writes' @RolesAllowed overrides it.
 */
@PermitAll
@Path("/api/v1/idi/methodologies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ICT Development Index")
public class MethodologyResource {

    private final MethodologyStore store;
    private final CurrentUser user;

    public MethodologyResource(MethodologyStore store, CurrentUser user) {
        this.store = store;
        this.user = user;
    }

    @GET
    @Operation(operationId = "listIdiMethodologies", summary = "Every published version of every index methodology (pillars, indicators, weights, goalposts)")
    @APIResponse(responseCode = "200", description = "A page of methodology versions, by id then version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Methodology.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Bad page or size")
    public Response list(@BeanParam @Valid PageParams page, @Context UriInfo uri) {
        List<Methodology> items = store.list(page.size, page.offset());
        return new Page<>(items, page.page, page.size, store.count()).toResponse(uri);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getIdiMethodology", summary = "The latest version of one index methodology")
    @APIResponse(responseCode = "200", description = "The latest version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Methodology.class)))
    @APIResponse(responseCode = "404", description = "No such methodology")
    public Methodology latest(@PathParam("id") String id) {
        return store.require(id, null);
    }

    @GET
    @Path("{id}/versions/{version}")
    @Operation(operationId = "getIdiMethodologyVersion", summary = "One published (immutable) version of an index methodology")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Methodology.class)))
    @APIResponse(responseCode = "404", description = "No such methodology or version")
    public Methodology version(@PathParam("id") String id, @PathParam("version") int version) {
        return store.require(id, version);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "methodology.published")
    @Operation(operationId = "publishIdiMethodology",
            summary = "Publish a methodology as the next version of its id (version 1 for a new id); ITU staff (platform-admin) only")
    @APIResponse(responseCode = "201", description = "Published; Location names the version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Methodology.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or an unknown field")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Not a platform administrator")
    @APIResponse(responseCode = "409", description = "Someone published the same id's next version meanwhile")
    @APIResponse(responseCode = "422", description = "Invalid methodology (every bad field listed in errors)")
    public Response publish(MethodologyStore.MethodologyRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw ProblemException.malformed("body", "is required");
        }
        MethodologyStore.Published published = store.publish(request.id(), null, request, user.subject());
        return Response.created(location(uri, published.methodology())).entity(published.methodology()).build();
    }

    @PUT
    @Path("{id}/versions/{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "methodology.published")
    @Operation(operationId = "putIdiMethodologyVersion",
            summary = "Publish exactly this version (the next one); the same content again answers 200, other content for a published version 409")
    @APIResponse(responseCode = "201", description = "Published",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Methodology.class)))
    @APIResponse(responseCode = "200", description = "This version already holds exactly this content (a retry)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Methodology.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or an unknown field")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Not a platform administrator")
    @APIResponse(responseCode = "404", description = "The version is not a positive number")
    @APIResponse(responseCode = "409", description = "The version is published with other content (immutable), or is not the next version")
    @APIResponse(responseCode = "422", description = "Invalid methodology, or the body's id differs from the path's")
    public Response put(@PathParam("id") String id, @PathParam("version") int version, MethodologyStore.MethodologyRequest request,
                        @Context UriInfo uri) {
        if (version < 1) {
            throw ProblemException.notFound("IDI methodology version", version);
        }
        if (request == null) {
            throw ProblemException.malformed("body", "is required");
        }
        if (request.id() != null && !request.id().equals(id)) {
            throw ProblemException.invalid("id", "must be absent or equal to the path's id " + id);
        }
        MethodologyStore.Published published = store.publish(id, version, request, user.subject());
        if (!published.created()) {
            return Response.ok(published.methodology()).build();
        }
        return Response.created(location(uri, published.methodology())).entity(published.methodology()).build();
    }

    private static URI location(UriInfo uri, Methodology m) {
        return uri.getBaseUriBuilder().path("api/v1/idi/methodologies/{id}/versions/{version}").build(m.id(), m.version());
    }
}
