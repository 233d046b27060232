package org.wsis.stocktaking.entry;

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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PATCH;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.wsis.commons.http.EditableRepresentation;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.validation.constraints.Size;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.i18n.NewTranslation;
import org.wsis.commons.i18n.Translations;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.wsis.stocktaking.moderation.ModerationService;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.wsis.commons.audit.AuditLog;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.ratelimit.WriteRateLimits;
import org.wsis.commons.http.Preconditions;
import org.wsis.commons.idempotency.Idempotency;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.text.PlainText;
import org.wsis.stocktaking.StocktakingRoles;

import java.util.UUID;

/** Entries: thin REST layer over {@link EntryService}. */
@Path("/api/v1/entries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Entries")
public class EntryResource {
    private final EntryService entries;
    private final ModerationService moderation;
    private final Idempotency idempotency;
    private final CurrentUser caller;
    private final WriteRateLimits limits;
    private final EditableRepresentation representation;

    public EntryResource(EntryService entries, ModerationService moderation, Idempotency idempotency, CurrentUser caller,
                         WriteRateLimits limits, EditableRepresentation representation) {
        this.representation = representation;
        this.entries = entries;
        this.moderation = moderation;
        this.idempotency = idempotency;
        this.caller = caller;
        this.limits = limits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(StocktakingRoles.EDITOR)
    @Operation(operationId = "createEntry", summary = "Create a draft entry owned by the caller",
            description = "Send an Idempotency-Key header to make retries safe: a retry gets the first response.")
    @APIResponse(responseCode = "201", description = "The draft entry, created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryDtos.EntryView.class)))
    public Response create(@HeaderParam(Idempotency.HEADER) String idempotencyKey,
                           @NotNull(message = "a JSON body is required") @Valid EntryDtos.NewEntry request,
                           @Context UriInfo uri) {
        limits.acquire("stocktaking-entry-writes", caller.subject(), "entry writes");
        return idempotency.execute("entries.create", idempotencyKey, caller.subject(), request, () -> {
            Entry entry = entries.create(request);
            return Response.created(uri.getAbsolutePathBuilder().path(entry.id.toString()).build())
                    .tag(etag(entry)).entity(EntryDtos.EntryView.of(entry)).build();
        });
    }

    @GET
    @PermitAll
    @Operation(operationId = "listPublishedEntries", summary = "Published entries, newest first")
    @APIResponse(responseCode = "200", description = "A page of published entries",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryDtos.EntryView.class, type = SchemaType.ARRAY)))
    public Response list(@BeanParam @Valid PageParams page, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                         @Context UriInfo uri) {
        LanguagePreference preference = LanguagePreference.parse(acceptLanguage);
        return Response.fromResponse(entries.listPublished(page).map(e -> view(e, preference)).toResponse(uri))
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    @GET
    @Path("mine")
    @RolesAllowed(StocktakingRoles.EDITOR)
    @Operation(operationId = "listMyEntries", summary = "The caller's own entries in every state, last changed first")
    @APIResponse(responseCode = "200", description = "A page of the caller's entries",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryDtos.EntryView.class, type = SchemaType.ARRAY)))
    public Response mine(@BeanParam @Valid PageParams page, @Context UriInfo uri) {
        return entries.listMine(page).map(EntryDtos.EntryView::of).toResponse(uri);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(StocktakingRoles.EDITOR)
    @Operation(operationId = "replaceEntry", summary = "Replace the content of the caller's entry (If-Match required)",
            description = "A draft or returned entry changes at once. For a published entry the edit is kept as a "
                    + "revision and goes to the moderators; the public keeps seeing the published content until then. "
                    + EditableRepresentation.ECHO_ACCEPTED)
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = EntryDtos.NewEntry.class)))
    @APIResponse(responseCode = "412", description = "The ETag in If-Match is stale: read the entry again")
    @APIResponse(responseCode = "422", description = "A code not in the reference data, dates out of order, or a read-only field with another value than the stored one")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    @APIResponse(responseCode = "200", description = "The entry as stored now",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryDtos.EntryView.class)))
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body)
            throws JsonProcessingException {
        limits.acquire("stocktaking-entry-writes", caller.subject(), "entry writes");
        Entry stored = entries.editable(id, ifMatch);
        EntryDtos.NewEntry request = representation.replacement(body, EntryDtos.EntryView.of(stored), EntryDtos.NewEntry.class);
        Entry entry = entries.update(id, ifMatch, request);
        return Response.ok(EntryDtos.EntryView.of(entry)).tag(etag(entry)).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(EditableRepresentation.MERGE_PATCH)
    @RolesAllowed(StocktakingRoles.EDITOR)
    @Operation(operationId = "patchEntry", summary = "Change some fields of the caller's entry: a JSON Merge Patch, RFC 7396 (If-Match required)",
            description = "The patch applies to the entry as GET shows it to its owner; a member set to null removes the "
                    + "field, one not named stays. The result is then taken as a PUT would take it, with the same rules.")
    @RequestBody(required = true, content = @Content(mediaType = EditableRepresentation.MERGE_PATCH,
            schema = @Schema(type = SchemaType.OBJECT, description = "Any of the entry's fields")))
    @APIResponse(responseCode = "412", description = "The ETag in If-Match is stale: read the entry again")
    @APIResponse(responseCode = "422", description = "A code not in the reference data, dates out of order, or a read-only field changed")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    @APIResponse(responseCode = "200", description = "The entry as stored now",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryDtos.EntryView.class)))
    public Response patch(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String patch)
            throws JsonProcessingException {
        limits.acquire("stocktaking-entry-writes", caller.subject(), "entry writes");
        Entry stored = entries.editable(id, ifMatch);
        EntryDtos.NewEntry request = representation.patched(patch, EntryDtos.EntryView.of(stored), EntryDtos.NewEntry.class);
        Entry entry = entries.update(id, ifMatch, request);
        return Response.ok(EntryDtos.EntryView.of(entry)).tag(etag(entry)).build();
    }

    @GET
    @Path("{id}/revisions")
    @RolesAllowed({StocktakingRoles.EDITOR, StocktakingRoles.MODERATOR})
    @Operation(operationId = "listEntryRevisions", summary = "Every change of the entry with who and when (owner and moderators)")
    public java.util.List<EntryDtos.RevisionView> revisions(@PathParam("id") UUID id) {
        return entries.history(id);
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(operationId = "getEntry", summary = "One entry (drafts only for their owner and moderators)",
            description = "Others get the public view: no ownerId, no returnComment, and contactName/contactEmail "
                    + "only when the owner set publicContact.")
    @APIResponse(responseCode = "200", description = "The entry",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryDtos.EntryView.class)))
    public Response get(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Entry entry = entries.get(id);
        EntryDtos.EntryView view = view(entry, LanguagePreference.parse(acceptLanguage));
        return Response.ok(view).tag(Translations.etag(etag(entry), view.language(), entry.language)).header(HttpHeaders.CONTENT_LANGUAGE, view.language())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    /**
     * Whole for the owner and moderators (the original text, what PUT replaces), the public view for everyone
     * else, its title and description in the language Accept-Language chose among the approved ones.
     */
    private EntryDtos.EntryView view(Entry entry, LanguagePreference preference) {
        return entries.seesWhole(entry) ? EntryDtos.EntryView.of(entry) : EntryDtos.EntryView.publicOf(entry, preference);
    }

    @PUT
    @Path("{id}/translations/{lang}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(StocktakingRoles.EDITOR)
    @Operation(operationId = "putEntryTranslation", summary = "Give or replace the translation of the caller's entry into a UN language (If-Match required)",
            description = "Title and description in `lang` (ar zh en fr ru es, not the entry's original language) with their origin: "
                    + "OWNER (written by the owner), HUMAN (translated by a person) or MACHINE (machine translated). "
                    + "A draft or returned entry takes it at once and publishes it with the entry; for a published entry it "
                    + "waits for a moderator (publishEntryTranslation) and the public keeps seeing the approved texts.")
    @APIResponse(responseCode = "200", description = "The entry as stored now (a published entry's translation is in pendingTranslations)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryDtos.EntryView.class)))
    @APIResponse(responseCode = "400", description = "Not one of the six UN language codes, or an invalid body")
    @APIResponse(responseCode = "403", description = "Not the owner of the entry")
    @APIResponse(responseCode = "404", description = "No such entry")
    @APIResponse(responseCode = "409", description = "The entry is submitted or archived")
    @APIResponse(responseCode = "412", description = "The ETag in If-Match is stale: read the entry again")
    @APIResponse(responseCode = "422", description = "lang is the entry's original language")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response translate(@PathParam("id") UUID id,
                              @PathParam("lang") @Pattern(regexp = LANGUAGES, message = LANGUAGES_MESSAGE) String lang,
                              @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              @NotNull(message = "a JSON body is required") @Valid NewTranslation request) {
        limits.acquire("stocktaking-entry-writes", caller.subject(), "entry writes");
        Entry entry = entries.translate(id, ifMatch, lang, request);
        return Response.ok(EntryDtos.EntryView.of(entry)).tag(etag(entry)).build();
    }

    @POST
    @Path("{id}/translations/{lang}/publish")
    @RolesAllowed(StocktakingRoles.MODERATOR)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "entry.translation-published")
    @Operation(operationId = "publishEntryTranslation", summary = "Publish the pending translation of a published entry (moderators; 403 on one's own entry)")
    @APIResponse(responseCode = "200", description = "The entry, the translation now approved",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryDtos.EntryView.class)))
    @APIResponse(responseCode = "400", description = "Not one of the six UN language codes")
    @APIResponse(responseCode = "403", description = "The moderator's own entry")
    @APIResponse(responseCode = "404", description = "No such entry")
    @APIResponse(responseCode = "409", description = "No translation into lang awaits moderation")
    public EntryDtos.EntryView publishTranslation(@PathParam("id") UUID id,
                                                  @PathParam("lang") @Pattern(regexp = LANGUAGES, message = LANGUAGES_MESSAGE) String lang) {
        return EntryDtos.EntryView.of(moderation.publishTranslation(id, lang));
    }

    @POST
    @Path("{id}/translations/{lang}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(StocktakingRoles.MODERATOR)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "entry.translation-returned")
    @Operation(operationId = "returnEntryTranslation", summary = "Turn down the pending translation of a published entry, with comments for the owner (moderators; 403 on one's own entry)")
    @APIResponse(responseCode = "200", description = "The entry, the translation no longer pending",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryDtos.EntryView.class)))
    @APIResponse(responseCode = "400", description = "Not one of the six UN language codes, or no comment")
    @APIResponse(responseCode = "403", description = "The moderator's own entry")
    @APIResponse(responseCode = "404", description = "No such entry")
    @APIResponse(responseCode = "409", description = "No translation into lang awaits moderation")
    public EntryDtos.EntryView returnTranslation(@PathParam("id") UUID id,
                                                 @PathParam("lang") @Pattern(regexp = LANGUAGES, message = LANGUAGES_MESSAGE) String lang,
                                                 @NotNull(message = "a JSON body is required") @Valid EntryDtos.ReturnRequest request) {
        return EntryDtos.EntryView.of(moderation.returnTranslation(id, lang, request.comment()));
    }

    private static final String LANGUAGES = Translations.LANGUAGE_PATTERN;
    private static final String LANGUAGES_MESSAGE = Translations.LANGUAGE_MESSAGE;

    @POST
    @Path("{id}/submit")
    @RolesAllowed(StocktakingRoles.EDITOR)
    @Operation(operationId = "submitEntry", summary = "Submit the caller's draft for moderation")
    public EntryDtos.EntryView submit(@PathParam("id") UUID id) {
        return EntryDtos.EntryView.of(entries.submit(id));
    }

    @POST
    @Path("{id}/publish")
    @RolesAllowed(StocktakingRoles.MODERATOR)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "entry.published,entry.change-published")
    @Operation(operationId = "publishEntry", summary = "Publish a submitted entry, or the pending edit of a published one (moderators; 403 on one's own entry)")
    public EntryDtos.EntryView publish(@PathParam("id") UUID id) {
        return EntryDtos.EntryView.of(moderation.publish(id));
    }

    @POST
    @Path("{id}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(StocktakingRoles.MODERATOR)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "entry.returned,entry.change-returned")
    @Operation(operationId = "returnEntry", summary = "Return a submitted entry (or turn down a pending edit) with comments for the owner (moderators; 403 on one's own entry)")
    public EntryDtos.EntryView returnForChanges(@PathParam("id") UUID id,
                                                @NotNull(message = "a JSON body is required") @Valid EntryDtos.ReturnRequest request) {
        return EntryDtos.EntryView.of(moderation.returnForChanges(id, request.comment()));
    }

    @POST
    @Path("{id}/archive")
    @RolesAllowed(StocktakingRoles.MODERATOR)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "entry.archived")
    @Operation(operationId = "archiveEntry", summary = "Archive an entry; a published one is withdrawn from the public (moderators)")
    public EntryDtos.EntryView archive(@PathParam("id") UUID id, @QueryParam("comment") @Size(max = 5000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String comment) {
        return EntryDtos.EntryView.of(moderation.archive(id, comment));
    }

    @POST
    @Path("{id}/restore")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(StocktakingRoles.MODERATOR)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "entry.restored")
    @Operation(operationId = "restoreEntry", summary = "Bring an archived entry back to its owner as RETURNED, with the reason (moderators)",
            description = "Not a republication: the owner resubmits and another moderator publishes it again.")
    @APIResponse(responseCode = "200", description = "The entry, RETURNED to its owner",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryDtos.EntryView.class)))
    @APIResponse(responseCode = "409", description = "The entry is not archived")
    public EntryDtos.EntryView restore(@PathParam("id") UUID id,
                                       @NotNull(message = "a JSON body is required") @Valid EntryDtos.ReturnRequest request) {
        return EntryDtos.EntryView.of(moderation.restore(id, request.comment()));
    }

    @POST
    @Path("{id}/moderator-notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(StocktakingRoles.MODERATOR)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "entry.note-added")
    @Operation(operationId = "addEntryModeratorNote", summary = "Add an internal note on an entry (moderators; never shown to the owner)")
    @APIResponse(responseCode = "201", description = "The note, stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryDtos.ModeratorNoteView.class)))
    public Response addModeratorNote(@PathParam("id") UUID id,
                                     @NotNull(message = "a JSON body is required") @Valid EntryDtos.NewModeratorNote request) {
        return Response.status(Response.Status.CREATED).entity(noteView(moderation.addNote(id, request.text()))).build();
    }

    @GET
    @Path("{id}/moderator-notes")
    @RolesAllowed(StocktakingRoles.MODERATOR)
    @Operation(operationId = "listEntryModeratorNotes", summary = "The internal notes on an entry, oldest first (moderators)")
    @APIResponse(responseCode = "200", description = "The notes",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryDtos.ModeratorNoteView.class, type = SchemaType.ARRAY)))
    public java.util.List<EntryDtos.ModeratorNoteView> moderatorNotes(@PathParam("id") UUID id) {
        return moderation.notes(id).stream().map(EntryResource::noteView).toList();
    }

    private static EntryDtos.ModeratorNoteView noteView(org.wsis.stocktaking.moderation.ModeratorNote note) {
        return new EntryDtos.ModeratorNoteView(note.id, note.entryId, note.authorId, note.text, note.createdAt);
    }

    @PUT
    @Path("{id}/success-story")
    @RolesAllowed(StocktakingRoles.MODERATOR)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "entry.success-story-marked")
    @Operation(operationId = "markEntrySuccessStory", summary = "Mark a published entry as a success story (moderators)")
    public EntryDtos.EntryView markSuccessStory(@PathParam("id") UUID id) {
        return EntryDtos.EntryView.of(moderation.markSuccessStory(id, true));
    }

    @DELETE
    @Path("{id}/success-story")
    @RolesAllowed(StocktakingRoles.MODERATOR)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "entry.success-story-unmarked")
    @Operation(operationId = "unmarkEntrySuccessStory", summary = "Unmark a success story (moderators)")
    public EntryDtos.EntryView unmarkSuccessStory(@PathParam("id") UUID id) {
        return EntryDtos.EntryView.of(moderation.markSuccessStory(id, false));
    }

    private static EntityTag etag(Entry entry) {
        return Preconditions.etag(entry.id, entry.version);
    }
}
