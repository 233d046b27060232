package org.wsis.stocktaking.moderation;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.paging.PageParams;
import org.wsis.stocktaking.StocktakingRoles;
import org.wsis.stocktaking.entry.EntryDtos;

/** The moderators' work list. The actions themselves are under /api/v1/entries/{id}/... */
@Path("/api/v1/moderation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Moderation")
@RolesAllowed(StocktakingRoles.MODERATOR)
public class ModerationResource {
    private final ModerationService moderation;

    public ModerationResource(ModerationService moderation) {
        this.moderation = moderation;
    }

    @GET
    @Path("queue")
    @Operation(operationId = "getModerationQueue", summary = "Submitted entries and pending edits of published entries, oldest first")
    @APIResponse(responseCode = "200", description = "A page of entries awaiting moderation",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryDtos.EntryView.class, type = SchemaType.ARRAY)))
    public Response queue(@BeanParam @Valid PageParams page, @Context UriInfo uri) {
        return moderation.queue(page).map(EntryDtos.EntryView::of).toResponse(uri);
    }
}
