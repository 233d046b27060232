package org.wsis.prizes.review;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/review-criteria")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review")
public class ReviewCriteriaResource {

    @GET
    @PermitAll
    @Operation(operationId = "listReviewCriteria", summary = "The published criteria reviewers score against (0..10 each)")
    public List<ReviewDtos.Criterion> criteria() {
        return ReviewDtos.CRITERIA;
    }
}
