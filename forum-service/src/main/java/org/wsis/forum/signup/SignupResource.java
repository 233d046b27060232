package org.wsis.forum.signup;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.ratelimit.WriteRateLimits;
import org.wsis.commons.security.CurrentUser;
import org.wsis.forum.registration.Registration;
import org.wsis.forum.registration.RegistrationService;
import org.wsis.forum.session.ForumSession;
import org.wsis.forum.session.SessionService;

import java.util.UUID;

/** A registered participant's sign-up for a session: a seat, or a place on the waitlist. */
@Path("/api/v1/sessions/{id}/signups")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Session sign-up")
public class SignupResource {
    private final SignupService signups;
    private final SignupBatcher batcher;
    private final CurrentUser caller;
    private final WriteRateLimits limits;
    private final SessionSignupRate sessionRate;

    public SignupResource(SignupService signups, SignupBatcher batcher, CurrentUser caller, WriteRateLimits limits,
                          SessionSignupRate sessionRate) {
        this.signups = signups;
        this.batcher = batcher;
        this.caller = caller;
        this.limits = limits;
        this.sessionRate = sessionRate;
    }

    @POST
    @Operation(operationId = "signUpForSession", summary = "Sign up for a session: CONFIRMED while seats last, then WAITLISTED in arrival order. "
            + "201 when created, 200 with the existing sign-up when asked again.")
    @APIResponse(responseCode = "200", description = "The existing sign-up (asked again)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SignupService.Signup.class)))
    @APIResponse(responseCode = "201", description = "The sign-up, created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SignupService.Signup.class)))
    public Response signUp(@PathParam("id") UUID sessionId, @Context UriInfo uri) {
        limits.acquire("forum-signups", caller.subject(), "sign-ups");
        ForumSession session = SessionService.requireSession(sessionId);
        if (session.status == ForumSession.Status.CANCELLED) {
            throw ProblemException.conflict("The session was cancelled by the organizers");
        }
        Registration registration = registrationFor(session);
        sessionRate.acquire(session);
        SignupService.SignupOutcome outcome = batcher.signUp(sessionId, registration.id);
        if (!outcome.created()) {
            return Response.ok(outcome.signup()).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path("me").build()).entity(outcome.signup()).build();
    }

    @GET
    @Path("me")
    @Operation(operationId = "getMySignup", summary = "My sign-up for a session, with my waitlist position")
    public SignupService.Signup mine(@PathParam("id") UUID sessionId) {
        SignupService.Signup signup = signups.live(sessionId, registrationFor(sessionId).id);
        if (signup == null) {
            throw ProblemException.notFound("Sign-up for session", sessionId);
        }
        return signup;
    }

    @DELETE
    @Path("me")
    @Operation(operationId = "cancelMySignup", summary = "Cancel my sign-up; a freed seat is offered to the first on the waitlist")
    @APIResponse(responseCode = "204", description = "Cancelled")
    public Response cancel(@PathParam("id") UUID sessionId) {
        limits.acquire("forum-signups", caller.subject(), "sign-ups");
        signups.cancel(sessionId, registrationFor(sessionId).id);
        return Response.noContent().build();
    }

    @POST
    @Path("me/acceptance")
    @Operation(operationId = "acceptSessionSeatOffer", summary = "Accept the seat offered to me from the waitlist, before its deadline")
    @APIResponse(responseCode = "200", description = "The sign-up, CONFIRMED",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SignupService.Signup.class)))
    @APIResponse(responseCode = "404", description = "No such session, or no sign-up of mine")
    @APIResponse(responseCode = "409", description = "Not registered; no seat offered to me; the offer expired")
    public SignupService.Signup accept(@PathParam("id") UUID sessionId) {
        limits.acquire("forum-signups", caller.subject(), "sign-ups");
        return signups.accept(sessionId, registrationFor(sessionId).id);
    }

    @POST
    @Path("me/declination")
    @Operation(operationId = "declineSessionSeatOffer", summary = "Decline the seat offered to me: it passes to the next on the waitlist")
    @APIResponse(responseCode = "200", description = "The sign-up, DECLINED",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SignupService.Signup.class)))
    @APIResponse(responseCode = "404", description = "No such session, or no sign-up of mine")
    @APIResponse(responseCode = "409", description = "Not registered; no seat offered to me")
    public SignupService.Signup decline(@PathParam("id") UUID sessionId) {
        limits.acquire("forum-signups", caller.subject(), "sign-ups");
        return signups.decline(sessionId, registrationFor(sessionId).id);
    }

    private Registration registrationFor(UUID sessionId) {
        return registrationFor(SessionService.requireSession(sessionId));
    }

    private Registration registrationFor(ForumSession session) {
        Registration registration = RegistrationService.liveOf(session.editionYear, caller.subject());
        if (registration == null) {
            throw ProblemException.conflict("Register for the " + session.editionYear + " forum before signing up for its sessions");
        }
        return registration;
    }
}
