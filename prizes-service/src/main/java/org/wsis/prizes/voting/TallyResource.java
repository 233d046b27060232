package org.wsis.prizes.voting;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/editions/{year}/tallies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Voting")
public class TallyResource {
    private final VoteService votes;

    public TallyResource(VoteService votes) {
        this.votes = votes;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listPrizeTallies", summary = "Votes received per nominee, near real time (administrators at any time; everyone once results are announced at the ceremony)")
    @APIResponse(responseCode = "200", description = "Tallies",
            content = @Content(schema = @Schema(implementation = VoteDtos.TallyView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "403", description = "Hidden until the results are announced")
    @APIResponse(responseCode = "404", description = "No such edition")
    public List<VoteDtos.TallyView> tallies(@PathParam("year") int year) {
        return votes.tallies(year);
    }
}
