package org.wsis.stocktaking.reference;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.i18n.Label;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.i18n.LocalizedReply;
import org.wsis.commons.i18n.UnLanguage;

@Path("/api/v1/reference/action-lines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reference data")
@jakarta.annotation.security.PermitAll
public class ActionLineResource {
    private final ReferenceData reference;

    public ActionLineResource(ReferenceData reference) {
        this.reference = reference;
    }

    @GET
    @Operation(operationId = "listActionLines", summary = "The WSIS action lines with their lead facilitators, labelled in the six UN languages")
    @APIResponse(responseCode = "200", description = "The action lines, C7's applications included",
            content = @Content(schema = @Schema(implementation = ReferenceViews.ActionLineView.class, type = SchemaType.ARRAY)))
    public Response list(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE)
                         @Parameter(description = ReferenceResource.ACCEPT_LANGUAGE) String acceptLanguage) {
        UnLanguage language = LanguagePreference.parse(acceptLanguage).first();
        var labels = reference.actionLineLabels();
        return LocalizedReply.ok(ActionLine.<ActionLine>listAll(io.quarkus.panache.common.Sort.by("code")).stream()
                .map(a -> {
                    Label label = labels.get(a.code);
                    return new ReferenceViews.ActionLineView(a.code, a.parentCode, a.name, a.leadAgencies,
                            label.in(language), label.texts(), label.officialCodes());
                }).toList(), language);
    }
}
