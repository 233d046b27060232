package org.wsis.forum.proposal;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.wsis.commons.i18n.LanguagePreference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.wsis.commons.audit.AuditLog;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.forum.ForumRoles;

import java.util.UUID;

/**
 * One proposal: read by its proposer or organizers; organizers accept it (which schedules its
 * session, session.scheduled.v1) or decline it with a reason. A proposal is decided once.
 */
@Path("/api/v1/proposals/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Proposals")
public class ProposalReviewResource {
    private final ProposalService proposals;

    public ProposalReviewResource(ProposalService proposals) {
        this.proposals = proposals;
    }

    @GET
    @Authenticated
    @Operation(operationId = "getSessionProposal", summary = "One proposal (its proposer or organizers)",
            description = "Title and description in the language Accept-Language chooses among the original and the "
                    + "proposer's translations (then English, then the original): `language` and Content-Language say which; "
                    + "`originalLanguage` and `translations` (every language at once) are always there.")
    @APIResponse(responseCode = "200", description = "The proposal",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProposalResource.ProposalView.class)))
    @APIResponse(responseCode = "404", description = "No such proposal, or someone else's")
    public Response get(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        ProposalResource.ProposalView view = ProposalResource.ProposalView.of(proposals.visible(id), LanguagePreference.parse(acceptLanguage));
        return Response.ok(view).header(HttpHeaders.CONTENT_LANGUAGE, view.language())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    @POST
    @Path("accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ForumRoles.ORGANIZER)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "proposal.accepted")
    @Operation(operationId = "acceptSessionProposal", summary = "Accept a proposal (organizers): schedules its session")
    public ProposalResource.ProposalView accept(@PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid ProposalResource.Acceptance request) {
        return ProposalResource.ProposalView.of(proposals.accept(id, request));
    }

    @POST
    @Path("decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ForumRoles.ORGANIZER)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "proposal.declined")
    @Operation(operationId = "declineSessionProposal", summary = "Decline a proposal with a reason (organizers)")
    public ProposalResource.ProposalView decline(@PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid ProposalResource.Decline request) {
        return ProposalResource.ProposalView.of(proposals.decline(id, request));
    }
}
