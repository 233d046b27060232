package org.wsis.prizes.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.wsis.commons.audit.AuditLog;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.paging.PageParams;
import org.wsis.prizes.PrizeRoles;

import java.util.List;

/** The vote audit, for prize administrators only: who voted is never public. */
@Path("/api/v1/editions/{year}/vote-audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(PrizeRoles.ADMIN)
@Tag(name = "Vote audit")
public class VoteAuditResource {
    private final VoteAuditService audit;

    public VoteAuditResource(VoteAuditService audit) {
        this.audit = audit;
    }

    @GET
    @Path("votes")
    @Operation(operationId = "searchPrizeVotes", summary = "Search an edition's votes by signal (address, device, e-mail domain, status, reason)")
    @APIResponse(responseCode = "200", description = "A page of votes with their signals (X-Total-Count, Link)",
            content = @Content(schema = @Schema(implementation = VoteAuditDtos.AuditedVote.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Bad paging or status")
    @APIResponse(responseCode = "403", description = "Not a prize administrator")
    @APIResponse(responseCode = "404", description = "No such edition")
    public Response votes(@PathParam("year") int year, @QueryParam("address") String address,
                          @QueryParam("device") String device, @QueryParam("emailDomain") String emailDomain,
                          @QueryParam("status") @Pattern(regexp = "PENDING|VALID|EXCLUDED", message = "must be PENDING, VALID or EXCLUDED") String status,
                          @QueryParam("reason") String reason, @BeanParam @Valid PageParams page, @Context UriInfo uri) {
        return audit.search(year, address, device, emailDomain, status, reason, page).toResponse(uri);
    }

    @GET
    @Path("clusters")
    @Operation(operationId = "listPrizeVoteClusters", summary = "The largest groups of accounts sharing an address or a device (top 100)")
    @APIResponse(responseCode = "200", description = "Clusters, most accounts first",
            content = @Content(schema = @Schema(implementation = VoteAuditDtos.Cluster.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "by is not address or device")
    @APIResponse(responseCode = "403", description = "Not a prize administrator")
    @APIResponse(responseCode = "404", description = "No such edition")
    public List<VoteAuditDtos.Cluster> clusters(@PathParam("year") int year,
                                                @QueryParam("by") @DefaultValue("address")
                                                @Pattern(regexp = "address|device", message = "must be address or device") String by) {
        return audit.clusters(year, by);
    }

    @POST
    @Path("decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "vote.decided-valid,vote.decided-excluded")
    @Operation(operationId = "decidePrizeVote", summary = "Confirm or overturn the screening of a vote, with a reason (audited; until the vote ledger is closed)")
    @APIResponse(responseCode = "200", description = "The vote as decided",
            content = @Content(schema = @Schema(implementation = VoteAuditDtos.AuditedVote.class)))
    @APIResponse(responseCode = "400", description = "Malformed decision")
    @APIResponse(responseCode = "403", description = "Not a prize administrator")
    @APIResponse(responseCode = "404", description = "No such vote")
    @APIResponse(responseCode = "409", description = "The vote ledger is closed")
    public VoteAuditDtos.AuditedVote decide(@PathParam("year") int year,
                                           @NotNull(message = "a JSON body is required") @Valid VoteAuditDtos.Decision decision) {
        return audit.decide(year, decision);
    }

    @POST
    @Path("screen")
    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = "prizes.voting.screening.timeout-seconds")
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "edition.votes-screened")
    @Operation(operationId = "screenPrizeVotes", summary = "Screen the edition's votes now (also done every minute while voting)",
            description = "Over a season of a million votes a pass takes tens of seconds; the gateway's route for it waits 60 s.")
    @APIResponse(responseCode = "200", description = "Votes per status after the pass",
            content = @Content(schema = @Schema(implementation = java.util.Map.class)))
    @APIResponse(responseCode = "403", description = "Not a prize administrator")
    @APIResponse(responseCode = "404", description = "No such edition")
    @APIResponse(responseCode = "409", description = "The vote ledger is closed")
    public java.util.Map<String, Long> screen(@PathParam("year") int year) {
        return audit.screen(year);
    }
}
