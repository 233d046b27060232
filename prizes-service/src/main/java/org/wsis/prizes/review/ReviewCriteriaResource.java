package org.wsis.prizes.review;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** ITU's published review criteria, and each edition's own (frozen) copy: see {@link ReviewCriteria}. */
@Path("/api/v1/review-criteria")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review")
public class ReviewCriteriaResource {
    private final ReviewCriteria criteria;

    public ReviewCriteriaResource(ReviewCriteria criteria) {
        this.criteria = criteria;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listReviewCriteria",
            summary = "ITU's published WSIS Prizes review criteria (0..10 each), which new editions take")
    @APIResponse(responseCode = "200", description = "The criteria, in ITU's order",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReviewDtos.Criterion.class, type = SchemaType.ARRAY)))
    public List<ReviewDtos.Criterion> published() {
        return criteria.published();
    }
}
