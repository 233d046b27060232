package org.wsis.forum.session;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * One session. (Every resource class here has its full collection path as its root: JAX-RS picks
 * the root first and never falls back, so overlapping roots would answer 404.)
 */
@Path("/api/v1/sessions/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agenda")
public class SessionDetailResource {
    @GET
    @PermitAll
    @Operation(operationId = "getSession", summary = "One session, with the seats taken")
    public SessionDtos.SessionView get(@PathParam("id") UUID id) {
        return SessionDtos.SessionView.of(SessionService.requireSession(id));
    }
}
