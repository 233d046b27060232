package org.wsis.prizes.submission;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.http.Preconditions;
import org.wsis.commons.idempotency.Idempotency;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.security.CurrentUser;

import java.util.UUID;

/** Submissions of published stocktaking entries to an edition's categories. */
@Path("/api/v1/editions/{year}/submissions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Submissions")
public class SubmissionResource {
    private final SubmissionService submissions;
    private final Idempotency idempotency;
    private final CurrentUser caller;
    private final EditableRepresentation representation;

    public SubmissionResource(SubmissionService submissions, Idempotency idempotency, CurrentUser caller,
                              EditableRepresentation representation) {
        this.representation = representation;
        this.submissions = submissions;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(operationId = "createSubmission", summary = "Submit one of the caller's published entries to a category (submission phase only)",
            description = "One live submission per entry per edition. The category is one of the edition's "
                    + "(GET /editions/{year}/categories): an action line of the entry, or a special prize. ITU's rules: "
                    + "the summary (short description) is 150 to 200 words in English (422 short-description, stating the "
                    + "word count); a project that won in an earlier edition is not eligible (422 previous-winner, naming "
                    + "the edition). Send an Idempotency-Key to make retries safe.")
    @APIResponse(responseCode = "201", description = "The submission, created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubmissionDtos.SubmissionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "403", description = "Not the entry's owner")
    @APIResponse(responseCode = "404", description = "No such edition")
    @APIResponse(responseCode = "409", description = "Wrong phase, or the entry is already submitted to this edition")
    @APIResponse(responseCode = "422", description = "Not an eligible entry, a category not of the edition or the entry, a previous winner, or a short description that is not 150-200 English words")
    public Response submit(@PathParam("year") int year, @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                           @NotNull(message = "a JSON body is required") @Valid SubmissionDtos.NewSubmission request,
                           @Context UriInfo uri) {
        return idempotency.execute("submissions.create." + year, idempotencyKey, caller.subject(), request, () -> {
            Submission submission = submissions.submit(year, request);
            return Response.created(uri.getAbsolutePathBuilder().path(submission.id.toString()).build())
                    .tag(Preconditions.etag(submission.id, submission.version))
                    .entity(SubmissionDtos.SubmissionView.of(submission)).build();
        });
    }

    @GET
    @Authenticated
    @Operation(operationId = "listSubmissions", summary = "Submissions of the edition (administrators and reviewers: all; others: their own)")
    @APIResponse(responseCode = "200", description = "A page of submissions",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubmissionDtos.SubmissionView.class, type = SchemaType.ARRAY)))
    public Response list(@PathParam("year") int year, @QueryParam("category") String category,
                         @BeanParam @Valid PageParams page, @Context UriInfo uri) {
        return submissions.list(year, category, page).map(SubmissionDtos.SubmissionView::of).toResponse(uri);
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(operationId = "getSubmission", summary = "One submission (its owner, administrators, reviewers; anyone once it is an announced nominee)")
    @APIResponse(responseCode = "200", description = "The submission",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubmissionDtos.SubmissionView.class)))
    public Response get(@PathParam("year") int year, @PathParam("id") UUID id) {
        Submission submission = submissions.readable(year, id);
        return Response.ok(SubmissionDtos.SubmissionView.of(submission))
                .tag(Preconditions.etag(submission.id, submission.version)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(operationId = "updateSubmission", summary = "Edit the caller's submission until the submission phase closes (If-Match required)",
            description = "The same rules as a new submission: a category of the edition, a summary of 150 to 200 English words. "
                    + EditableRepresentation.ECHO_ACCEPTED)
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SubmissionDtos.SubmissionChange.class)))
    @APIResponse(responseCode = "200", description = "The submission as stored now",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubmissionDtos.SubmissionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "403", description = "Not the submission's owner")
    @APIResponse(responseCode = "404", description = "No such edition or submission")
    @APIResponse(responseCode = "409", description = "Wrong phase or status")
    @APIResponse(responseCode = "412", description = "If-Match does not match the submission's ETag")
    @APIResponse(responseCode = "422", description = "A category not of the edition or the entry, a short description that is not 150-200 English words, or a read-only field with another value than the stored one")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response update(@PathParam("year") int year, @PathParam("id") UUID id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) throws JsonProcessingException {
        SubmissionDtos.SubmissionView stored = SubmissionDtos.SubmissionView.of(submissions.editable(year, id, ifMatch));
        return updated(submissions.update(year, id,
                representation.replacement(body, stored, SubmissionDtos.SubmissionChange.class), ifMatch));
    }

    @PATCH
    @Path("{id}")
    @Consumes(EditableRepresentation.MERGE_PATCH)
    @Authenticated
    @Operation(operationId = "patchSubmission", summary = "Change the category or summary of the caller's submission: a JSON Merge Patch, RFC 7396 (If-Match required)",
            description = "The patch applies to the submission as GET shows it; the result is then taken as a PUT would take it.")
    @RequestBody(required = true, content = @Content(mediaType = EditableRepresentation.MERGE_PATCH,
            schema = @Schema(type = SchemaType.OBJECT, description = "Any of the submission's fields")))
    @APIResponse(responseCode = "200", description = "The submission as stored now",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubmissionDtos.SubmissionView.class)))
    @APIResponse(responseCode = "403", description = "Not the submission's owner")
    @APIResponse(responseCode = "404", description = "No such edition or submission")
    @APIResponse(responseCode = "409", description = "Wrong phase or status")
    @APIResponse(responseCode = "412", description = "If-Match does not match the submission's ETag")
    @APIResponse(responseCode = "422", description = "A category not of the edition or the entry, a short description that is not 150-200 English words, or a read-only field changed")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response patch(@PathParam("year") int year, @PathParam("id") UUID id,
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String patch) throws JsonProcessingException {
        SubmissionDtos.SubmissionView stored = SubmissionDtos.SubmissionView.of(submissions.editable(year, id, ifMatch));
        return updated(submissions.update(year, id,
                representation.patched(patch, stored, SubmissionDtos.SubmissionChange.class), ifMatch));
    }

    private static Response updated(Submission submission) {
        return Response.ok(SubmissionDtos.SubmissionView.of(submission))
                .tag(Preconditions.etag(submission.id, submission.version)).build();
    }

    @POST
    @Path("{id}/withdraw")
    @Authenticated
    @Operation(operationId = "withdrawSubmission", summary = "Withdraw the caller's submission (until voting starts)")
    public SubmissionDtos.SubmissionView withdraw(@PathParam("year") int year, @PathParam("id") UUID id) {
        return SubmissionDtos.SubmissionView.of(submissions.withdraw(year, id));
    }
}
