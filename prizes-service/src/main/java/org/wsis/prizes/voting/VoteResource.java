package org.wsis.prizes.voting;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.idempotency.Idempotency;
import org.wsis.commons.security.CurrentUser;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Public online voting: one vote per signed-in voter per category. */
@Path("/api/v1/editions/{year}/votes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Voting")
public class VoteResource {
    /** The token claim naming the client application the voter used (recorded with each vote). */
    static final String CLIENT_CLAIM = "azp";

    private final VoteService votes;
    private final VoteBatcher batcher;
    private final RateLimiter rateLimiter;
    private final Idempotency idempotency;
    private final CurrentUser caller;
    private final SecurityIdentity identity;
    private final Clock clock;

    public VoteResource(VoteService votes, VoteBatcher batcher, RateLimiter rateLimiter, Idempotency idempotency,
                        CurrentUser caller, SecurityIdentity identity, Clock clock) {
        this.votes = votes;
        this.batcher = batcher;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
        this.idempotency = idempotency;
        this.caller = caller;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(operationId = "castPrizeVote", summary = "Vote for a nominee (voting phase only; one vote per voter per category)",
            description = "409 already-voted for a second vote in the category; a retry with the same Idempotency-Key "
                    + "replays the first 201 and counts once. 429 with Retry-After when the voter or client goes too fast.")
    @APIResponse(responseCode = "201", description = "The vote, counted (or the replay of the first answer to the same Idempotency-Key)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VoteDtos.VoteView.class)))
    public Response vote(@PathParam("year") int year, @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                         @NotNull(message = "a JSON body is required") @Valid VoteDtos.NewVote request) {
        String voter = caller.subject();
        String client = clientOf();
        rateLimiter.acquire(voter, client);
        Idempotency.requireValidKey(idempotencyKey);
        Idempotency.Claim claim = idempotencyKey == null ? null
                : new Idempotency.Claim(voter, idempotencyKey, idempotency.fingerprint(request));
        // Microseconds: what the database keeps, so the answer shows the stored time.
        Instant castAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        VoteService.Outcome outcome = batcher.cast(year, new VoteService.Ballot(request.submissionId(), voter, client, castAt, claim));
        if (outcome instanceof VoteService.Outcome.Cast cast) {
            return Response.status(Response.Status.CREATED).entity(cast.vote()).build();
        }
        if (outcome instanceof VoteService.Outcome.Replay) {
            return idempotency.replay(VoteService.idempotencyScope(year), voter, idempotencyKey, claim.requestHash());
        }
        throw votes.refusal(year, request.submissionId(), outcome);
    }

    @GET
    @Path("mine")
    @Authenticated
    @Operation(operationId = "listMyVotes", summary = "The caller's own votes in an edition")
    public List<VoteDtos.VoteView> mine(@PathParam("year") int year) {
        return votes.mine(year, caller.subject());
    }

    private String clientOf() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim(CLIENT_CLAIM) != null) {
            return jwt.<Object>getClaim(CLIENT_CLAIM).toString().replace("\"", "");
        }
        String attribute = identity.getAttribute(CLIENT_CLAIM); // @TestSecurity attributes
        return attribute == null ? "unknown" : attribute;
    }
}
