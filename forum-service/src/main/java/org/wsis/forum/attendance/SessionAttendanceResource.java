package org.wsis.forum.attendance;

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
import org.wsis.commons.security.Roles;

/** A session's confirmed and waitlisted participants, in arrival order, and their counts (organizers only). */
@Path("/api/v1/sessions/{id}/attendees")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.FORUM_ORGANIZER)
@Tag(name = "Attendance (organizers)")
public class SessionAttendanceResource {
    private final AttendanceQueries attendance;

    public SessionAttendanceResource(AttendanceQueries attendance) {
        this.attendance = attendance;
    }

    @GET
    @Operation(summary = "A session's participants in arrival order, optionally by status (CONFIRMED, WAITLISTED), with waitlist positions")
    public Response list(@PathParam("id") java.util.UUID sessionId, @QueryParam("status") String status,
                         @BeanParam @Valid PageParams page, @Context UriInfo uri) {
        return attendance.sessionAttendees(sessionId, status, page, uri);
    }

    @GET
    @Path("export.csv")
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "A session's participants as CSV")
    public Response export(@PathParam("id") java.util.UUID sessionId, @QueryParam("status") String status) {
        return attendance.sessionAttendeesCsv(sessionId, status);
    }

    @GET
    @Path("counts")
    @Operation(summary = "Counts of a session's confirmed participants, by stakeholder type and ITU region")
    public AttendanceQueries.SessionCounts counts(@PathParam("id") java.util.UUID sessionId) {
        return attendance.sessionCounts(sessionId);
    }
}
