package org.wsis.prizes.results;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.wsis.commons.audit.AuditLog;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.prizes.PrizeRoles;

/** Champions, winners and the published results of an edition. */
@Path("/api/v1/editions/{year}/results")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Results")
public class ResultsResource {
    private final ResultsService results;

    public ResultsResource(ResultsService results) {
        this.results = results;
    }

    @GET
    @PermitAll
    @Operation(operationId = "getPrizeResults", summary = "Published results, public from the ceremony on (administrators: live standings of valid votes before)")
    @APIResponse(responseCode = "200", description = "The results",
            content = @Content(schema = @Schema(implementation = ResultDtos.ResultsView.class)))
    @APIResponse(responseCode = "404", description = "No such edition, or results not yet announced at the ceremony")
    public ResultDtos.ResultsView get(@PathParam("year") int year) {
        return results.results(year);
    }

    @PUT
    @Path("winners/{category}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PrizeRoles.ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "category.winner-chosen")
    @Operation(operationId = "choosePrizeWinner", summary = "Record the expert group's winner of a category, chosen among its champions (results phase)")
    public ResultDtos.ResultsView chooseWinner(@PathParam("year") int year, @PathParam("category") String category,
                                               @NotNull(message = "a JSON body is required") @Valid ResultDtos.WinnerChoice choice) {
        return results.chooseWinner(year, category, choice.submissionId());
    }

    @POST
    @Path("publish")
    @RolesAllowed(PrizeRoles.ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "edition.results-published")
    @Operation(operationId = "publishPrizeResults", summary = "Publish the results (a winner in every category) and announce them on prizes.results")
    public ResultDtos.ResultsView publish(@PathParam("year") int year) {
        return results.publish(year);
    }
}
