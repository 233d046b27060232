package org.wsis.forum.badge;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.audit.AuditLog;
import org.wsis.forum.ForumRoles;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Check-in at a session's door (issue 20): the badge of a participant with a confirmed seat in the session. */
@Path("/api/v1/sessions/{id}/check-ins")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Check-in")
public class SessionCheckInResource {

    public record SessionCheckIn(UUID registrationId, UUID sessionId, @Schema(nullable = true) String fullName,
                                 @Schema(nullable = true) String organisation, OffsetDateTime checkedInAt) {
    }

    private final CheckInService checkIns;

    public SessionCheckInResource(CheckInService checkIns) {
        this.checkIns = checkIns;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ForumRoles.ORGANIZER)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "signup.checked-in")
    @Operation(operationId = "checkInSessionParticipant", summary = "Check a participant in at a session by their badge code "
            + "(organizers); the same badge again answers the same check-in")
    @APIResponse(responseCode = "200", description = "The check-in (first or repeated scan)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionCheckIn.class)))
    @APIResponse(responseCode = "404", description = "No such session")
    @APIResponse(responseCode = "409", description = "Session cancelled; another edition's badge; not an approved in-person registration; no confirmed seat in the session")
    @APIResponse(responseCode = "422", description = "Not a badge code, or a forged one")
    public SessionCheckIn checkIn(@PathParam("id") UUID sessionId,
                                  @NotNull(message = "a JSON body is required") @Valid CheckInResource.Scan scan) {
        return checkIns.checkInSession(sessionId, scan.code());
    }
}
