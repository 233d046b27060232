package org.wsis.stocktaking.entry;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.http.Preconditions;
import org.wsis.commons.idempotency.Idempotency;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.security.Roles;

import java.util.UUID;

/** Entries: thin REST layer over {@link EntryService}. */
@Path("/api/v1/entries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Entries")
public class EntryResource {
    private final EntryService entries;
    private final Idempotency idempotency;
    private final CurrentUser caller;

    public EntryResource(EntryService entries, Idempotency idempotency, CurrentUser caller) {
        this.entries = entries;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.STOCKTAKING_EDITOR)
    @Operation(summary = "Create a draft entry owned by the caller",
            description = "Send an Idempotency-Key header to make retries safe: a retry gets the first response.")
    public Response create(@HeaderParam(Idempotency.HEADER) String idempotencyKey,
                           @NotNull(message = "a JSON body is required") @Valid EntryDtos.NewEntry request,
                           @Context UriInfo uri) {
        return idempotency.execute("entries.create", idempotencyKey, caller.subject(), request, () -> {
            Entry entry = entries.create(request);
            return Response.created(uri.getAbsolutePathBuilder().path(entry.id.toString()).build())
                    .tag(etag(entry)).entity(EntryDtos.EntryView.of(entry)).build();
        });
    }

    @GET
    @PermitAll
    @Operation(summary = "Published entries, newest first")
    public Response list(@BeanParam @Valid PageParams page, @Context UriInfo uri) {
        return entries.listPublished(page).map(EntryDtos.EntryView::of).toResponse(uri);
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "One entry (drafts only for their owner and moderators)")
    public Response get(@PathParam("id") UUID id) {
        Entry entry = entries.get(id);
        return Response.ok(EntryDtos.EntryView.of(entry)).tag(etag(entry)).build();
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed(Roles.STOCKTAKING_EDITOR)
    @Operation(summary = "Submit the caller's draft for moderation")
    public EntryDtos.EntryView submit(@PathParam("id") UUID id) {
        return EntryDtos.EntryView.of(entries.submit(id));
    }

    @POST
    @Path("{id}/publish")
    @RolesAllowed(Roles.STOCKTAKING_MODERATOR)
    @Operation(summary = "Publish a submitted entry (moderators)")
    public EntryDtos.EntryView publish(@PathParam("id") UUID id) {
        return EntryDtos.EntryView.of(entries.publish(id));
    }

    private static EntityTag etag(Entry entry) {
        return Preconditions.etag(entry.id, entry.version);
    }
}
