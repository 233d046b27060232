package org.wsis.forum.session;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.wsis.commons.audit.AuditLog;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.forum.ForumRoles;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** The agenda of an edition: public to read, sessions scheduled by organizers. (iCalendar: AgendaCalendarResource.) */
@Path("/api/v1/editions/{year}/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agenda")
public class SessionResource {
    private final SessionService sessions;
    private final CurrentUser caller;

    public SessionResource(SessionService sessions, CurrentUser caller) {
        this.sessions = sessions;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listSessions", summary = "The public agenda of an edition, filterable by day (UTC date), kind and action line")
    @APIResponse(responseCode = "200", description = "A page of the agenda",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionDtos.SessionView.class, type = SchemaType.ARRAY)))
    public Response agenda(@PathParam("year") int year, @QueryParam("day") String day, @QueryParam("kind") String kind,
                           @QueryParam("actionLine") @Pattern(regexp = SessionDtos.ACTION_LINE, message = "must be an action line C1..C11 or C7.E-...") String actionLine,
                           @BeanParam @Valid PageParams page,
                           @jakarta.ws.rs.HeaderParam(jakarta.ws.rs.core.HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                           @Context UriInfo uri) {
        SessionService.requireEdition(year);
        org.wsis.commons.i18n.LanguagePreference preference = org.wsis.commons.i18n.LanguagePreference.parse(acceptLanguage);
        return Response.fromResponse(sessions.agenda(year, parseDay(day), parseKind(kind), actionLine, page.page, page.size)
                        .map(s -> SessionDtos.SessionView.of(s, preference)).toResponse(uri))
                .header(jakarta.ws.rs.core.HttpHeaders.VARY, jakarta.ws.rs.core.HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ForumRoles.ORGANIZER)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "session.scheduled")
    @Operation(operationId = "createSession", summary = "Schedule a session (organizers); announces session.scheduled.v1")
    @APIResponse(responseCode = "201", description = "The session, scheduled",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionDtos.SessionView.class)))
    public Response create(@PathParam("year") int year,
                           @NotNull(message = "a JSON body is required") @Valid SessionDtos.NewSession request,
                           @Context UriInfo uri) {
        ForumSession session = sessions.scheduleByOrganizer(year, request, caller.subject());
        return Response.created(uri.getBaseUriBuilder().path("api/v1/sessions").path(session.id.toString()).build())
                .entity(SessionDtos.SessionView.of(session)).build();
    }

    static LocalDate parseDay(String day) {
        if (day == null || day.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw ProblemException.malformed("day", "must be a date like 2025-07-08");
        }
    }

    static SessionKind parseKind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return SessionKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw ProblemException.malformed("kind", "must be one of " + java.util.Arrays.toString(SessionKind.values()));
        }
    }
}
