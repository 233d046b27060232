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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
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
import org.wsis.commons.text.PlainText;
import org.wsis.forum.ForumRoles;

import java.time.LocalDate;

/** Forum editions: public to read, created by organizers. */
@Path("/api/v1/editions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Editions")
public class EditionResource {

    public record NewEdition(@NotNull @Min(2009) @Max(2100) Integer year,
                             @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String title,
                             @NotNull LocalDate startsOn,
                             @NotNull LocalDate endsOn,
                             @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String venue,
                             @NotNull Boolean hybrid,
                             @Schema(nullable = true, description = "no new registration after it") java.time.OffsetDateTime registrationDeadline,
                             @Min(1) @Max(1_000_000) @Schema(nullable = true, description = "in-person places (requested or approved in-person registrations); null: unlimited") Integer capacity) {
    }

    /**
     * An organizer's change of an edition (PUT, If-Match): new dates are a reschedule, a new venue or format a move
     * (ONLINE: fully online; HYBRID: in person and remote); every registration is told of either.
     */
    public record EditionChange(@NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String title,
                                @NotNull LocalDate startsOn,
                                @NotNull LocalDate endsOn,
                                @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String venue,
                                @NotNull ForumEdition.Format format,
                                @Schema(nullable = true) java.time.OffsetDateTime registrationDeadline,
                                @Min(1) @Max(1_000_000) @Schema(nullable = true) Integer capacity,
                                @Size(max = 1000) @Schema(description = "why (kept in the audit log)") @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String reason) {
    }

    public record EditionView(int year, String title, LocalDate startsOn, LocalDate endsOn, String venue,
                              @Schema(description = "remote participation allowed (format HYBRID or ONLINE)") boolean hybrid,
                              ForumEdition.Format format, ForumEdition.Status status,
                              @Schema(nullable = true, description = "when its dates, venue or format last changed") java.time.OffsetDateTime changedAt,
                              @Schema(nullable = true) String cancellationReason,
                              @Schema(nullable = true) java.time.OffsetDateTime registrationDeadline,
                              @Schema(nullable = true, description = "in-person places; null: unlimited") Integer capacity) {
        public static EditionView of(ForumEdition e) {
            return new EditionView(e.year, e.title, e.startsOn, e.endsOn, e.venue, e.hybrid, e.format, e.status,
                    e.changedAt, e.cancellationReason, e.registrationDeadline, e.capacity);
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
    @Operation(operationId = "getForumEdition", summary = "One forum edition (ETag: send it in If-Match to change it)")
    @APIResponse(responseCode = "200", description = "The edition",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EditionView.class)))
    @APIResponse(responseCode = "404", description = "No such edition")
    public Response get(@PathParam("year") int year) {
        ForumEdition edition = editions.get(year);
        return Response.ok(EditionView.of(edition)).tag(EditionService.etag(edition)).build();
    }

    @PUT
    @Path("{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ForumRoles.ORGANIZER)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "edition.rescheduled,edition.moved,edition.edited")
    @Operation(operationId = "changeForumEdition", summary = "Edit, reschedule or move an edition (online, hybrid, in person; "
            + "organizers; If-Match required). New dates, venue or format are announced to every registration")
    @APIResponse(responseCode = "200", description = "The edition as changed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EditionView.class)))
    @APIResponse(responseCode = "404", description = "No such edition")
    @APIResponse(responseCode = "409", description = "Cancelled; sessions outside the new dates; remote registrations at an in-person-only format; capacity below the in-person registrations")
    @APIResponse(responseCode = "412", description = "The ETag in If-Match is stale: read the edition again")
    @APIResponse(responseCode = "422", description = "Dates out of order or outside the edition's year")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response change(@PathParam("year") int year, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull(message = "a JSON body is required") @Valid EditionChange request) {
        ForumEdition edition = editions.change(year, request, ifMatch);
        return Response.ok(EditionView.of(edition)).tag(EditionService.etag(edition)).build();
    }

    @POST
    @Path("{year}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ForumRoles.ORGANIZER)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "edition.cancelled,session.cancelled")
    @Operation(operationId = "cancelForumEdition", summary = "Cancel an edition (organizers; If-Match optional): its sessions are "
            + "cancelled, its registrations become CANCELLED_BY_ORGANIZER, each participant told")
    @APIResponse(responseCode = "200", description = "The edition, cancelled",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EditionView.class)))
    @APIResponse(responseCode = "404", description = "No such edition")
    @APIResponse(responseCode = "409", description = "Already cancelled")
    @APIResponse(responseCode = "412", description = "The ETag in If-Match is stale")
    public Response cancel(@PathParam("year") int year, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull(message = "a JSON body is required") @Valid org.wsis.forum.session.SessionDtos.Cancellation request) {
        ForumEdition edition = editions.cancel(year, request.reason().strip(), ifMatch);
        return Response.ok(EditionView.of(edition)).tag(EditionService.etag(edition)).build();
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
