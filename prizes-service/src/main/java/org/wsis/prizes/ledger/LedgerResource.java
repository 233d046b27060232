package org.wsis.prizes.ledger;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/editions/{year}/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Results")
public class LedgerResource {
    private final VoteLedger ledger;

    public LedgerResource(VoteLedger ledger) {
        this.ledger = ledger;
    }

    @GET
    @PermitAll
    @Operation(operationId = "getPrizeVoteLedger", summary = "The pseudonymised vote ledger, counts by category and reason, and its signed Merkle root",
            description = "Public once the results are announced at the ceremony (prize admins: once voting has closed). "
                    + "Recount with org.wsis.prizes.ledger.Recount (see prizes-service/README.md).")
    @APIResponse(responseCode = "200", description = "The ledger",
            content = @Content(schema = @Schema(implementation = LedgerDtos.Ledger.class)))
    @APIResponse(responseCode = "404", description = "No such edition, voting not closed, or results not yet announced")
    public LedgerDtos.Ledger get(@PathParam("year") int year) {
        return ledger.ledger(year);
    }
}
