package org.wsis.forum.attendance;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.paging.PageParams;
import org.wsis.forum.ForumRoles;

/** An edition's registrations and their counts (organizers only). */
@Path("/api/v1/editions/{year}/registrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ForumRoles.ORGANIZER)
@Tag(name = "Attendance (organizers)")
public class EditionAttendanceResource {
    private final AttendanceQueries attendance;

    public EditionAttendanceResource(AttendanceQueries attendance) {
        this.attendance = attendance;
    }

    @GET
    @Operation(operationId = "listEditionRegistrations", summary = "Registrations of an edition, optionally by status (REQUESTED: the accreditation queue, APPROVED, REJECTED, CANCELLED, CANCELLED_BY_ORGANIZER)")
    @APIResponse(responseCode = "200", description = "A page of registrations",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AttendanceQueries.Attendee.class, type = SchemaType.ARRAY)))
    public Response list(@PathParam("year") int year, @QueryParam("status") String status,
                         @BeanParam @Valid PageParams page, @Context UriInfo uri) {
        return attendance.registrations(year, status, page, uri);
    }

    @GET
    @Path("export.csv")
    @Produces(Csv.MEDIA_TYPE)
    @Operation(operationId = "exportEditionRegistrations", summary = "Registrations of an edition as CSV")
    @APIResponse(responseCode = "200", description = "Registrations as CSV",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response export(@PathParam("year") int year, @QueryParam("status") String status) {
        return attendance.registrationsCsv(year, status);
    }

    @GET
    @Path("counts")
    @Operation(operationId = "countEditionRegistrations", summary = "Counts of an edition's registrations, by stakeholder type and ITU region")
    public AttendanceQueries.EditionCounts counts(@PathParam("year") int year) {
        return attendance.editionCounts(year);
    }
}
