package org.wsis.forum.badge;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.wsis.commons.audit.AuditLog;
import org.wsis.commons.text.PlainText;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.forum.ForumRoles;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Check-in at the entrance (organizers scan the badge). Idempotent: scanning the same badge again
 * answers the same recorded check-in. Forged or malformed codes are 422; a cancelled registration
 * or a badge of another edition is 409.
 */
@Path("/api/v1/editions/{year}/check-ins")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Check-in")
public class CheckInResource {

    public record Scan(@NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String code) {
    }

    public record CheckIn(UUID registrationId, int edition, String fullName, String organisation,
                          OffsetDateTime checkedInAt) {
    }

    private final CheckInService checkIns;

    public CheckInResource(CheckInService checkIns) {
        this.checkIns = checkIns;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ForumRoles.ORGANIZER)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "registration.checked-in")
    @Operation(operationId = "checkInParticipant", summary = "Check a participant in by their badge code (organizers)")
    public CheckIn checkIn(@PathParam("year") int year, @NotNull(message = "a JSON body is required") @Valid Scan scan) {
        return checkIns.checkIn(year, scan.code());
    }
}
