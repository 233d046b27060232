package org.wsis.prizes.review;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.paging.PageParams;
import org.wsis.prizes.PrizeRoles;

/** The prize-reviewers known to prizes (see {@link Reviewers}: how a reviewer becomes known). */
@Path("/api/v1/reviewers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review")
public class ReviewerResource {
    private final Reviewers reviewers;

    public ReviewerResource(Reviewers reviewers) {
        this.reviewers = reviewers;
    }

    @POST
    @Path("me")
    @RolesAllowed(PrizeRoles.REVIEWER)
    @Operation(operationId = "registerPrizeReviewer",
            summary = "Make the calling prize-reviewer known to prizes, so administrators can assign them (call after sign-in)")
    @APIResponse(responseCode = "200", description = "The caller as recorded",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReviewDtos.ReviewerView.class)))
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "The caller does not hold the prize-reviewer role")
    public ReviewDtos.ReviewerView registerMe() {
        return reviewers.recordCaller();
    }

    @GET
    @RolesAllowed(PrizeRoles.ADMIN)
    @Operation(operationId = "listPrizeReviewers", summary = "Prize-reviewers known to prizes, who can be assigned (administrators)")
    @APIResponse(responseCode = "200", description = "A page of reviewers",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReviewDtos.ReviewerView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Invalid page or size")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Not a prize administrator")
    public Response list(@BeanParam @Valid PageParams page, @Context UriInfo uri) {
        return reviewers.list(page).toResponse(uri);
    }
}
