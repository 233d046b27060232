package org.wsis.forum.accreditation;

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
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.audit.AuditLog;
import org.wsis.commons.text.PlainText;
import org.wsis.forum.ForumRoles;
import org.wsis.forum.registration.RegistrationDtos;

import java.util.UUID;

/**
 * Organizers decide accreditation requests (the queue: {@code GET /editions/{year}/registrations?status=REQUESTED}, with
 * each person's category, their stakeholder type).
 */
@Path("/api/v1/registrations/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accreditation")
public class AccreditationResource {

    public record Approval(@Size(max = 1000) @Schema(nullable = true) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String reason) {
    }

    public record Rejection(@NotBlank @Size(max = 1000) @Schema(description = "shown to the participant in their registration") @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String reason) {
    }

    private final AccreditationService accreditation;

    public AccreditationResource(AccreditationService accreditation) {
        this.accreditation = accreditation;
    }

    @POST
    @Path("approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ForumRoles.ORGANIZER)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "registration.approved")
    @Operation(operationId = "approveForumRegistration", summary = "Approve an accreditation request (organizers): the badge follows; "
            + "announces registration.confirmed.v2")
    @APIResponse(responseCode = "200", description = "The registration, APPROVED",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RegistrationDtos.RegistrationView.class)))
    @APIResponse(responseCode = "404", description = "No such registration")
    @APIResponse(responseCode = "409", description = "Not REQUESTED (already decided, or cancelled)")
    public RegistrationDtos.RegistrationView approve(@PathParam("id") UUID id,
                                                     @NotNull(message = "a JSON body is required") @Valid Approval approval) {
        String reason = approval.reason() == null || approval.reason().isBlank() ? null : approval.reason().strip();
        return RegistrationDtos.RegistrationView.of(accreditation.decide(id, true, reason));
    }

    @POST
    @Path("rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ForumRoles.ORGANIZER)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "registration.rejected")
    @Operation(operationId = "rejectForumRegistration", summary = "Reject an accreditation request with a reason (organizers): "
            + "its session sign-ups are cancelled; announces registration.rejected.v1")
    @APIResponse(responseCode = "200", description = "The registration, REJECTED",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RegistrationDtos.RegistrationView.class)))
    @APIResponse(responseCode = "404", description = "No such registration")
    @APIResponse(responseCode = "409", description = "Not REQUESTED (already decided, or cancelled)")
    public RegistrationDtos.RegistrationView reject(@PathParam("id") UUID id,
                                                    @NotNull(message = "a JSON body is required") @Valid Rejection rejection) {
        return RegistrationDtos.RegistrationView.of(accreditation.decide(id, false, rejection.reason().strip()));
    }
}
