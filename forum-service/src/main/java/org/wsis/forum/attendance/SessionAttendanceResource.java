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

/** A session's confirmed and waitlisted participants, in arrival order, and their counts (organizers only). */
@Path("/api/v1/sessions/{id}/attendees")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ForumRoles.ORGANIZER)
@Tag(name = "Attendance (organizers)")
public class SessionAttendanceResource {
    private final AttendanceQueries attendance;

    public SessionAttendanceResource(AttendanceQueries attendance) {
        this.attendance = attendance;
    }

    @GET
    @Operation(operationId = "listSessionAttendees", summary = "A session's participants in arrival order, optionally by status (CONFIRMED, WAITLISTED), with waitlist positions")
    @APIResponse(responseCode = "200", description = "A page of attendees",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AttendanceQueries.SessionAttendee.class, type = SchemaType.ARRAY)))
    public Response list(@PathParam("id") java.util.UUID sessionId, @QueryParam("status") String status,
                         @BeanParam @Valid PageParams page, @Context UriInfo uri) {
        return attendance.sessionAttendees(sessionId, status, page, uri);
    }

    @GET
    @Path("export.csv")
    @Produces(Csv.MEDIA_TYPE)
    @Operation(operationId = "exportSessionAttendees", summary = "A session's participants as CSV")
    @APIResponse(responseCode = "200", description = "Attendees as CSV",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response export(@PathParam("id") java.util.UUID sessionId, @QueryParam("status") String status) {
        return attendance.sessionAttendeesCsv(sessionId, status);
    }

    @GET
    @Path("counts")
    @Operation(operationId = "countSessionAttendees", summary = "Counts of a session's confirmed participants, by stakeholder type and ITU region")
    public AttendanceQueries.SessionCounts counts(@PathParam("id") java.util.UUID sessionId) {
        return attendance.sessionCounts(sessionId);
    }
}
