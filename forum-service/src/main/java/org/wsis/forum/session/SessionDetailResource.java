package org.wsis.forum.session;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.validation.constraints.Pattern;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.i18n.NewTranslation;
import org.wsis.commons.i18n.Translations;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.audit.AuditLog;
import org.wsis.forum.ForumRoles;

import java.util.UUID;

/**
 * One session: read (with its ETag), changed or cancelled by organizers. (Every resource class here has its full
 * collection path as its root: JAX-RS picks the root first and never falls back, so overlapping roots would answer 404.)
 */
@Path("/api/v1/sessions/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agenda")
public class SessionDetailResource {
    private final SessionService sessions;
    private final org.wsis.commons.security.CurrentUser caller;

    public SessionDetailResource(SessionService sessions, org.wsis.commons.security.CurrentUser caller) {
        this.sessions = sessions;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(operationId = "getSession", summary = "One session, with the seats taken (ETag: send it in If-Match to change it)")
    @APIResponse(responseCode = "200", description = "The session",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionDtos.SessionView.class)))
    @APIResponse(responseCode = "404", description = "No such session")
    public Response get(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        ForumSession session = SessionService.requireSession(id);
        SessionDtos.SessionView view = SessionDtos.SessionView.of(session, LanguagePreference.parse(acceptLanguage));
        return Response.ok(view).tag(Translations.etag(SessionService.etag(session), view.language(), session.language)).header(HttpHeaders.CONTENT_LANGUAGE, view.language())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    @PUT
    @Path("translations/{lang}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ForumRoles.ORGANIZER)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "session.translated")
    @Operation(operationId = "putSessionTranslation", summary = "Give or replace the session's title and description in a UN language (organizers; If-Match required)",
            description = "`lang` is one of ar zh en fr ru es, not the session's original language; origin OWNER (written by the "
                    + "organizers), HUMAN (translated by a person) or MACHINE (machine translated). Public at once.")
    @APIResponse(responseCode = "200", description = "The session (in its original language, with every translation)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionDtos.SessionView.class)))
    @APIResponse(responseCode = "400", description = "Not one of the six UN language codes, or an invalid body")
    @APIResponse(responseCode = "404", description = "No such session")
    @APIResponse(responseCode = "409", description = "The session was cancelled")
    @APIResponse(responseCode = "412", description = "The ETag in If-Match is stale: read the session again")
    @APIResponse(responseCode = "422", description = "lang is the session's original language")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response translate(@PathParam("id") UUID id,
                              @PathParam("lang") @Pattern(regexp = Translations.LANGUAGE_PATTERN, message = Translations.LANGUAGE_MESSAGE) String lang,
                              @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              @NotNull(message = "a JSON body is required") @Valid NewTranslation request) {
        ForumSession session = sessions.translate(id, lang, request, ifMatch, caller.subject());
        return Response.ok(SessionDtos.SessionView.of(session)).tag(SessionService.etag(session)).build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ForumRoles.ORGANIZER)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "session.rescheduled,session.moved,session.edited")
    @Operation(operationId = "changeSession", summary = "Edit, reschedule or move a session (organizers; If-Match required). "
            + "A new time or place is announced to every signed-up participant (registration.programme-changed.v1, with clashes)")
    @APIResponse(responseCode = "200", description = "The session as changed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionDtos.SessionView.class)))
    @APIResponse(responseCode = "404", description = "No such session")
    @APIResponse(responseCode = "409", description = "The session was cancelled, or the capacity is below the seats taken")
    @APIResponse(responseCode = "412", description = "The ETag in If-Match is stale: read the session again")
    @APIResponse(responseCode = "422", description = "Times outside the edition, end before start, no room nor link")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response change(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull(message = "a JSON body is required") @Valid SessionDtos.SessionChange request) {
        ForumSession session = sessions.change(id, request, ifMatch);
        return Response.ok(SessionDtos.SessionView.of(session)).tag(SessionService.etag(session)).build();
    }

    @POST
    @Path("cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ForumRoles.ORGANIZER)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "session.cancelled")
    @Operation(operationId = "cancelSession", summary = "Cancel a session (organizers; If-Match optional): every sign-up becomes "
            + "CANCELLED_BY_ORGANIZER and each participant is told")
    @APIResponse(responseCode = "200", description = "The session, cancelled",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionDtos.SessionView.class)))
    @APIResponse(responseCode = "404", description = "No such session")
    @APIResponse(responseCode = "409", description = "Already cancelled")
    @APIResponse(responseCode = "412", description = "The ETag in If-Match is stale")
    public Response cancel(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull(message = "a JSON body is required") @Valid SessionDtos.Cancellation request) {
        ForumSession session = sessions.cancel(id, request.reason().strip(), ifMatch);
        return Response.ok(SessionDtos.SessionView.of(session)).tag(SessionService.etag(session)).build();
    }
}
