package org.wsis.forum.edition;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.paging.PageParams;
import org.wsis.forum.ForumRoles;

import java.time.LocalDate;

/** Forum editions: public to read, created by organizers. */
@Path("/api/v1/editions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Editions")
public class EditionResource {

    public record NewEdition(@NotNull @Min(2009) @Max(2100) Integer year,
                             @NotBlank @Size(max = 200) String title,
                             @NotNull LocalDate startsOn,
                             @NotNull LocalDate endsOn,
                             @NotBlank @Size(max = 200) String venue,
                             @NotNull Boolean hybrid) {
    }

    public record EditionView(int year, String title, LocalDate startsOn, LocalDate endsOn, String venue, boolean hybrid) {
        static EditionView of(ForumEdition e) {
            return new EditionView(e.year, e.title, e.startsOn, e.endsOn, e.venue, e.hybrid);
        }
    }

    private final EditionService editions;

    public EditionResource(EditionService editions) {
        this.editions = editions;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listForumEditions", summary = "Forum editions, newest first")
    @APIResponse(responseCode = "200", description = "A page of forum editions",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EditionView.class, type = SchemaType.ARRAY)))
    public Response list(@BeanParam @Valid PageParams page, @Context UriInfo uri) {
        return editions.list(page).toResponse(uri);
    }

    @GET
    @Path("{year}")
    @PermitAll
    @Operation(operationId = "getForumEdition", summary = "One forum edition")
    public EditionView get(@PathParam("year") int year) {
        return EditionView.of(editions.get(year));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ForumRoles.ORGANIZER)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "edition.created")
    @Operation(operationId = "createForumEdition", summary = "Create a forum edition (organizers)")
    @APIResponse(responseCode = "201", description = "The edition, created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EditionView.class)))
    public Response create(@NotNull(message = "a JSON body is required") @Valid NewEdition request, @Context UriInfo uri) {
        ForumEdition edition = editions.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(edition.year)).build())
                .entity(EditionView.of(edition)).build();
    }
}
