package org.wsis.prizes.voting;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
    private final VoterEligibility eligibility;
    private final ClientSignals signals;
    private final SourceLimiter sourceLimiter;
    private final StepUp stepUp;

    public VoteResource(VoteService votes, VoteBatcher batcher, RateLimiter rateLimiter, Idempotency idempotency,
                        CurrentUser caller, SecurityIdentity identity, Clock clock, VoterEligibility eligibility,
                        ClientSignals signals, SourceLimiter sourceLimiter, StepUp stepUp) {
        this.votes = votes;
        this.stepUp = stepUp;
        this.eligibility = eligibility;
        this.signals = signals;
        this.sourceLimiter = sourceLimiter;
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
            description = "Only people with the role prize-voter, a verified e-mail and an account created before the "
                    + "edition's cut-off vote (403 otherwise; machine clients never). 409 already-voted for a second "
                    + "vote in the category; a retry with the same Idempotency-Key replays the first 201 and counts once. "
                    + "429 with Retry-After when the voter, client, address or device goes too fast. A vote is counted "
                    + "once screened VALID (see the vote audit). When the edition has a step-up (stepUp) and the vote is "
                    + "risky, it needs the e-mailed code (POST .../votes/step-up) in the X-Step-Up-Code header: without "
                    + "it 403 step-up-required, and nothing is stored.")
    @APIResponse(responseCode = "201", description = "Vote recorded",
            content = @Content(schema = @Schema(implementation = VoteDtos.VoteView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or Idempotency-Key")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Not allowed to vote: not-a-voter, machine-client, email-not-verified, "
            + "account-too-new, account-age-unknown; a risky vote without a valid e-mailed code: step-up-required, "
            + "step-up-invalid, step-up-expired, step-up-locked")
    @APIResponse(responseCode = "404", description = "No such edition")
    @APIResponse(responseCode = "409", description = "Already voted in the category, or not the voting phase")
    @APIResponse(responseCode = "422", description = "Not an announced nominee")
    @APIResponse(responseCode = "429", description = "Too fast (Retry-After)")
    @APIResponse(responseCode = "503", description = "Too many votes waiting to be counted (Retry-After)")
    public Response vote(@PathParam("year") int year, @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                         @Parameter(description = "The six-digit code e-mailed by POST .../votes/step-up; needed only "
                                 + "for a risky vote of an edition with a step-up (ignored otherwise)",
                                 schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{6}$"))
                         @HeaderParam(StepUp.HEADER) String stepUpCode,
                         @NotNull(message = "a JSON body is required") @Valid VoteDtos.NewVote request,
                         @Context HttpServerRequest http, @Context HttpHeaders headers) {
        String voter = caller.subject();
        String client = clientOf();
        VoterEligibility.Voter account = eligibility.check(identity, client, votes.accountCutoff(year));
        String address = signals.clientAddress(http.remoteAddress() == null ? "" : http.remoteAddress().hostAddress(),
                headers.getHeaderString("X-Forwarded-For"));
        String device = ClientSignals.deviceHash(headers.getHeaderString(HttpHeaders.USER_AGENT),
                headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        rateLimiter.acquire(voter, client);
        // a proxy's own address says nothing about the client: no per-address limit or step-up signal for it
        String clientAddress = signals.isTrusted(address) ? null : address;
        sourceLimiter.acquire(clientAddress, device);
        Idempotency.requireValidKey(idempotencyKey);
        Idempotency.Claim claim = idempotencyKey == null ? null
                : new Idempotency.Claim(voter, idempotencyKey, idempotency.fingerprint(request));
        // Microseconds: what the database keeps, so the answer shows the stored time.
        Instant castAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // a risky vote without a valid code is refused here, before anything is stored
        stepUp.require(year, voter, account.accountCreatedAt(), castAt, clientAddress, device, stepUpCode);
        VoteService.Outcome outcome = batcher.cast(year, new VoteService.Ballot(request.submissionId(), voter, client, castAt, claim,
                new VoteService.Signals(address, device, account.accountCreatedAt(), account.emailDomain())));
        if (outcome instanceof VoteService.Outcome.Cast cast) {
            return Response.status(Response.Status.CREATED).entity(cast.vote()).build();
        }
        if (outcome instanceof VoteService.Outcome.Replay) {
            return idempotency.replay(VoteService.idempotencyScope(year), voter, idempotencyKey, claim.requestHash());
        }
        throw votes.refusal(year, request.submissionId(), outcome);
    }

    @POST
    @Path("step-up")
    @Authenticated
    @Operation(operationId = "requestPrizeVoteStepUp", summary = "E-mail a one-time code that confirms the caller's risky votes",
            description = "Voting phase, editions with a step-up only. Sends a six-digit code to the verified e-mail "
                    + "address of the caller's token; repeat the vote with it in the X-Step-Up-Code header. The code is "
                    + "valid 10 minutes for every vote of the caller in the edition, locks after 5 wrong tries, and "
                    + "replaces any earlier code; a new one at most once a minute and 5 times an hour (429 Retry-After).")
    @APIResponse(responseCode = "202", description = "The code is on its way",
            content = @Content(schema = @Schema(implementation = StepUp.StepUpCodeSent.class)))
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Not allowed to vote (as for casting a vote) or no e-mail address in the token")
    @APIResponse(responseCode = "404", description = "No such edition")
    @APIResponse(responseCode = "409", description = "Not the voting phase, or the edition has no step-up")
    @APIResponse(responseCode = "429", description = "A code was sent too recently or too often (Retry-After)")
    @APIResponse(responseCode = "503", description = "The e-mail could not be sent; no code was kept (Retry-After)")
    public Response requestStepUp(@PathParam("year") int year) {
        String client = clientOf();
        eligibility.check(identity, client, votes.accountCutoff(year));
        String email = caller.claim("email").orElse(null);
        return Response.accepted(stepUp.send(year, caller.subject(), email)).build();
    }

    @GET
    @Path("mine")
    @Authenticated
    @Operation(operationId = "listMyPrizeVotes", summary = "The caller's own votes in an edition")
    @APIResponse(responseCode = "200", description = "The caller's votes",
            content = @Content(schema = @Schema(implementation = VoteDtos.VoteView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "404", description = "No such edition")
    public List<VoteDtos.VoteView> mine(@PathParam("year") int year) {
        return votes.mine(year, caller.subject());
    }

    private String clientOf() {
        return caller.claim(CLIENT_CLAIM).orElse("unknown");
    }
}
