package org.wsis.forum.session;

import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The public agenda as an iCalendar file, with the same filters as the JSON agenda. */
@Path("/api/v1/editions/{year}/agenda.ics")
@Tag(name = "Agenda")
public class AgendaCalendarResource {
    /** An export is bounded: the largest editions had about 250 sessions. */
    static final int MAX_EXPORT = 5000;

    private final SessionService sessions;

    private final Clock clock;

    public AgendaCalendarResource(SessionService sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @GET
    @PermitAll
    @Produces(ICalendar.MEDIA_TYPE)
    @Operation(operationId = "getAgendaCalendar", summary = "The agenda (filters day, kind, actionLine) as an iCalendar (RFC 5545) file")
    @APIResponse(responseCode = "200", description = "The agenda as iCalendar",
            content = @Content(mediaType = "text/calendar", schema = @Schema(type = SchemaType.STRING)))
    public Response agendaCalendar(@PathParam("year") int year, @QueryParam("day") String day, @QueryParam("kind") String kind,
                                   @QueryParam("actionLine") @Pattern(regexp = SessionDtos.ACTION_LINE, message = "must be an action line C1..C11 or C7.E-...") String actionLine) {
        SessionService.requireEdition(year);
        var all = sessions.agenda(year, SessionResource.parseDay(day), SessionResource.parseKind(kind), actionLine, 0, MAX_EXPORT).items();
        String body = ICalendar.of("WSIS Forum " + year, all, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)));
        return Response.ok(body, ICalendar.MEDIA_TYPE + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"wsis-forum-" + year + ".ics\"").build();
    }
}
