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
    static final String ACCEPT_LANGUAGE = "The language of label and questionLabel: the first of ar, zh, en, fr, ru, es the header "
            + "accepts, else English (Content-Language says which); labels and questionLabels carry all six.";

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
    public Response published(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE)
                              @Parameter(description = ACCEPT_LANGUAGE) String acceptLanguage) {
        UnLanguage language = LanguagePreference.parse(acceptLanguage).first();
        return LocalizedReply.ok(criteria.published(language), language);
    }
}
