package org.wsis.forum.badge;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.security.Roles;
import org.wsis.forum.registration.Registration;
import org.wsis.forum.session.SessionService;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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

    public record Scan(@NotBlank @Size(max = 200) String code) {
    }

    public record CheckIn(UUID registrationId, int edition, String fullName, String organisation,
                          OffsetDateTime checkedInAt) {
    }

    private final BadgeCodes badges;
    private final CurrentUser caller;

    public CheckInResource(BadgeCodes badges, CurrentUser caller) {
        this.badges = badges;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FORUM_ORGANIZER)
    @Transactional
    @Operation(operationId = "checkInParticipant", summary = "Check a participant in by their badge code (organizers)")
    public CheckIn checkIn(@PathParam("year") int year, @NotNull(message = "a JSON body is required") @Valid Scan scan) {
        SessionService.requireEdition(year);
        UUID registrationId = badges.registrationOf(scan.code())
                .orElseThrow(() -> ProblemException.invalid("code", "not a badge code"));
        // locked, so two scanners scanning the same badge at once record one check-in
        Registration registration = Registration.findById(registrationId, LockModeType.PESSIMISTIC_WRITE);
        if (registration == null || !badges.verify(scan.code(), registrationId, registration.editionYear)) {
            throw ProblemException.invalid("code", "the badge code is not valid");
        }
        if (registration.editionYear != year) {
            throw ProblemException.conflict("The badge is for the " + registration.editionYear + " forum, not " + year);
        }
        if (registration.status != Registration.Status.CONFIRMED) {
            throw ProblemException.conflict("The registration was cancelled");
        }
        if (registration.attendance != Registration.Attendance.IN_PERSON) {
            throw ProblemException.conflict("The registration is for remote participation");
        }
        if (registration.checkedInAt == null) {
            // stored at PostgreSQL precision, so every later scan answers exactly the same instant
            registration.checkedInAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            registration.checkedInBy = caller.subject();
        }
        return new CheckIn(registration.id, year, registration.fullName, registration.organisation,
                registration.checkedInAt);
    }
}
