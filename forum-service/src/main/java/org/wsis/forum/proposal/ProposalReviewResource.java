package org.wsis.forum.proposal;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.security.Roles;
import org.wsis.forum.session.ForumSession;
import org.wsis.forum.session.SessionDtos;
import org.wsis.forum.session.SessionKind;
import org.wsis.forum.session.SessionService;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * One proposal: read by its proposer or organizers; organizers accept it (which schedules its
 * session, session.scheduled.v1) or decline it with a reason. A proposal is decided once.
 */
@Path("/api/v1/proposals/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Proposals")
public class ProposalReviewResource {
    private final SessionService sessions;
    private final CurrentUser caller;

    public ProposalReviewResource(SessionService sessions, CurrentUser caller) {
        this.sessions = sessions;
        this.caller = caller;
    }

    @GET
        @Authenticated
    @Operation(operationId = "getSessionProposal", summary = "One proposal (its proposer or organizers)")
    public ProposalResource.ProposalView get(@PathParam("id") UUID id) {
        return ProposalResource.ProposalView.of(visible(id));
    }

    @POST
    @Path("accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FORUM_ORGANIZER)
    @Transactional
    @Operation(operationId = "acceptSessionProposal", summary = "Accept a proposal (organizers): schedules its session")
    public ProposalResource.ProposalView accept(@PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid ProposalResource.Acceptance request) {
        SessionProposal proposal = pendingForReview(id);
        ForumSession session = sessions.schedule(proposal.editionYear, new SessionDtos.NewSession(proposal.kind,
                proposal.title, proposal.description, proposal.track, proposal.actionLines, request.room(),
                request.onlineLink(), request.startsAt(), request.endsAt(), proposal.speakers, request.capacity()),
                proposal.id, caller.subject());
        proposal.status = SessionProposal.Status.ACCEPTED;
        proposal.sessionId = session.id;
        markReviewed(proposal);
        return ProposalResource.ProposalView.of(proposal);
    }

    @POST
    @Path("decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FORUM_ORGANIZER)
    @Transactional
    @Operation(operationId = "declineSessionProposal", summary = "Decline a proposal with a reason (organizers)")
    public ProposalResource.ProposalView decline(@PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid ProposalResource.Decline request) {
        SessionProposal proposal = pendingForReview(id);
        proposal.status = SessionProposal.Status.DECLINED;
        proposal.declineReason = request.reason().strip();
        markReviewed(proposal);
        return ProposalResource.ProposalView.of(proposal);
    }

    private SessionProposal visible(UUID id) {
        SessionProposal proposal = SessionProposal.findById(id);
        if (proposal == null || !(caller.hasRole(Roles.FORUM_ORGANIZER) || caller.subject().equals(proposal.proposerId))) {
            throw ProblemException.notFound("Proposal", id); // others' proposals are not disclosed
        }
        return proposal;
    }

    /** Locks the proposal, so two organizers reviewing at once cannot both decide it. */
    private SessionProposal pendingForReview(UUID id) {
        SessionProposal proposal = SessionProposal.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (proposal == null) {
            throw ProblemException.notFound("Proposal", id);
        }
        if (proposal.status != SessionProposal.Status.SUBMITTED) {
            throw ProblemException.conflict("The proposal was already " + proposal.status.name().toLowerCase());
        }
        return proposal;
    }

    private void markReviewed(SessionProposal proposal) {
        proposal.reviewedBy = caller.subject();
        proposal.reviewedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
