package org.wsis.prizes.review;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.i18n.LocalizedReply;
import org.wsis.commons.i18n.UnLanguage;
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

/** An edition's own copy of the review criteria, fixed when the edition was created: see {@link ReviewCriteria}. */
@Path("/api/v1/editions/{year}/review-criteria")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review")
public class EditionReviewCriteriaResource {
    private final ReviewCriteria criteria;

    public EditionReviewCriteriaResource(ReviewCriteria criteria) {
        this.criteria = criteria;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listEditionReviewCriteria",
            summary = "The criteria an edition's reviewers score against (fixed when the edition was created)")
    @APIResponse(responseCode = "200", description = "The edition's criteria",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReviewDtos.Criterion.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such edition")
    public Response ofEdition(@PathParam("year") int year, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE)
                              @Parameter(description = ReviewCriteriaResource.ACCEPT_LANGUAGE) String acceptLanguage) {
        UnLanguage language = LanguagePreference.parse(acceptLanguage).first();
        return LocalizedReply.ok(criteria.of(year, language), language);
    }
}
