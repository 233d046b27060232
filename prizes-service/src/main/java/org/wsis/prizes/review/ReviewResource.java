package org.wsis.prizes.review;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.wsis.commons.audit.AuditLog;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.prizes.PrizeRoles;

import java.util.List;
import java.util.UUID;

/** Expert review: reviewer assignment and scoring (criteria: {@link ReviewCriteriaResource}). */
@Path("/api/v1/editions/{year}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review")
public class ReviewResource {
    private final ReviewService reviews;
    private final Reviewers reviewers;

    public ReviewResource(ReviewService reviews, Reviewers reviewers) {
        this.reviews = reviews;
        this.reviewers = reviewers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PrizeRoles.ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "submission.reviewer-assigned")
    @Operation(operationId = "assignReviewer", summary = "Assign a reviewer (a prize-reviewer's subject and organisation) to a submission",
            description = "The reviewer must be a prize-reviewer known to prizes (GET /reviewers; 422 unknown-reviewer otherwise). "
                    + "Refused with 422 conflict-of-interest when the reviewer's organisation is the submission's, compared "
                    + "as an organisation identity (Unicode NFKC, invisible characters removed, case folded, spaces collapsed).")
    @APIResponse(responseCode = "201", description = "The review assignment",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReviewDtos.ReviewView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "404", description = "No such edition or submission")
    @APIResponse(responseCode = "409", description = "Wrong phase, withdrawn submission or reviewer already assigned")
    @APIResponse(responseCode = "422", description = "Unknown reviewer, or conflict of interest")
    public Response assign(@PathParam("year") int year,
                           @NotNull(message = "a JSON body is required") @Valid ReviewDtos.ReviewerAssignment assignment) {
        return Response.status(201).entity(ReviewDtos.ReviewView.of(reviews.assign(year, assignment))).build();
    }

    @GET
    @RolesAllowed(PrizeRoles.ADMIN)
    @Operation(operationId = "listSubmissionReviews", summary = "The reviews of a submission (administrators)")
    public List<ReviewDtos.ReviewView> ofSubmission(@PathParam("year") int year,
                                                    @QueryParam("submissionId") @NotNull UUID id) {
        return reviews.ofSubmission(year, id).stream().map(ReviewDtos.ReviewView::of).toList();
    }

    @PUT
    @Path("mine/{submissionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PrizeRoles.REVIEWER)
    @Operation(operationId = "scoreSubmission", summary = "Score a submission the caller is assigned to (review phase only)",
            description = "One score 0..10 per criterion of the edition (GET /editions/{year}/review-criteria), keyed by the criterion's field.")
    @APIResponse(responseCode = "200", description = "The review with its scores and total",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReviewDtos.ReviewView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (a score outside 0..10)")
    @APIResponse(responseCode = "403", description = "Not assigned to this submission")
    @APIResponse(responseCode = "404", description = "No such edition or submission")
    @APIResponse(responseCode = "409", description = "Wrong phase or withdrawn submission")
    @APIResponse(responseCode = "422", description = "A criterion of the edition missing, or one it does not have")
    public ReviewDtos.ReviewView score(@PathParam("year") int year, @PathParam("submissionId") UUID id,
                                       @NotNull(message = "a JSON body is required") @Valid ReviewDtos.Scores scores) {
        return ReviewDtos.ReviewView.of(reviews.score(year, id, scores));
    }

    @GET
    @Path("mine")
    @RolesAllowed(PrizeRoles.REVIEWER)
    @Operation(operationId = "listMyReviews", summary = "The caller's review assignments in an edition")
    public List<ReviewDtos.ReviewView> mine(@PathParam("year") int year) {
        reviewers.recordCaller(); // a reviewer reading their assignments is a known reviewer (see Reviewers)
        return reviews.mine(year).stream().map(ReviewDtos.ReviewView::of).toList();
    }
}
