package org.wsis.forum.proposal;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
    @Operation(operationId = "getSessionProposal", summary = "One proposal (its proposer or organizers)")
    public ProposalResource.ProposalView get(@PathParam("id") UUID id) {
        return ProposalResource.ProposalView.of(proposals.visible(id));
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
