package org.wsis.forum.registration;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.wsis.commons.http.EditableRepresentation;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.ratelimit.WriteRateLimits;
import org.wsis.commons.security.CurrentUser;
import org.wsis.forum.badge.BadgeCodes;

/** A participant's own registration for an edition ("me" is the token's subject). */
@Path("/api/v1/editions/{year}/registrations/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Registration")
public class RegistrationResource {
    private final RegistrationService registrations;
    private final BadgeCodes badges;
    private final CurrentUser caller;
    private final WriteRateLimits limits;
    private final EditableRepresentation representation;

    public RegistrationResource(RegistrationService registrations, BadgeCodes badges, CurrentUser caller,
                                WriteRateLimits limits, EditableRepresentation representation) {
        this.representation = representation;
        this.registrations = registrations;
        this.badges = badges;
        this.caller = caller;
        this.limits = limits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerForForum", summary = "Request accreditation for an edition, in person or remote: "
            + "REQUESTED until an organizer approves (badge) or rejects it")
    @APIResponse(responseCode = "201", description = "The registration, REQUESTED",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RegistrationDtos.RegistrationView.class)))
    public Response register(@PathParam("year") int year,
                             @NotNull(message = "a JSON body is required") @Valid RegistrationDtos.RegistrationForm form,
                             @Context UriInfo uri) {
        // the service's own limit (as the gateway's forum-registrations route): its port is no way around it
        limits.acquire("forum-registrations", caller.subject(), "registrations");
        Registration registration = registrations.register(year, caller.subject(), form);
        return Response.created(uri.getAbsolutePath()).entity(RegistrationDtos.RegistrationView.of(registration)).build();
    }

    @GET
    @Operation(operationId = "getMyRegistration", summary = "My registration for an edition")
    public RegistrationDtos.RegistrationView get(@PathParam("year") int year) {
        return RegistrationDtos.RegistrationView.of(RegistrationService.requireCurrent(year, caller.subject()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional // the body is checked against the stored representation and applied in one transaction
    @Operation(operationId = "updateMyRegistration", summary = "Update my registration",
            description = EditableRepresentation.ECHO_ACCEPTED)
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = RegistrationDtos.RegistrationForm.class)))
    @APIResponse(responseCode = "200", description = "The registration as stored now",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RegistrationDtos.RegistrationView.class)))
    @APIResponse(responseCode = "422", description = "No consent, an unknown country, remote attendance at an in-person forum, or a read-only field with another value than the stored one")
    public RegistrationDtos.RegistrationView update(@PathParam("year") int year, String body) throws JsonProcessingException {
        RegistrationDtos.RegistrationView stored = RegistrationDtos.RegistrationView.of(RegistrationService.requireLive(year, caller.subject()));
        RegistrationDtos.RegistrationForm form = representation.replacement(body, stored, RegistrationDtos.RegistrationForm.class);
        return RegistrationDtos.RegistrationView.of(registrations.update(year, caller.subject(), form));
    }

    @DELETE
    @Operation(operationId = "cancelMyRegistration", summary = "Cancel my registration (and my session sign-ups)")
    public RegistrationDtos.RegistrationView cancel(@PathParam("year") int year) {
        return RegistrationDtos.RegistrationView.of(registrations.cancel(year, caller.subject()));
    }

    @GET
    @Path("badge")
    @Operation(operationId = "getMyBadge", summary = "My badge (in-person registrations): a signed code to show at the entrance")
    public RegistrationDtos.Badge badge(@PathParam("year") int year) {
        Registration registration = RegistrationService.requireLive(year, caller.subject());
        if (registration.attendance != Registration.Attendance.IN_PERSON) {
            throw ProblemException.conflict("Remote participants get no badge");
        }
        if (registration.status != Registration.Status.APPROVED) {
            throw ProblemException.conflict("Your accreditation is not approved yet: the badge follows the organizers' approval");
        }
        if (org.wsis.forum.session.SessionService.requireEdition(year).format == org.wsis.forum.edition.ForumEdition.Format.ONLINE) {
            throw ProblemException.conflict("The " + year + " forum moved online: there is no on-site access");
        }
        return new RegistrationDtos.Badge(registration.id, year, registration.fullName, badges.codeFor(registration.id, year));
    }
}
