package org.wsis.prizes.category;

import jakarta.annotation.security.PermitAll;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.wsis.commons.i18n.Label;
import org.wsis.commons.i18n.LabelTable;
import org.wsis.commons.i18n.LabelTexts;
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

// Public reads: open to anyone, said explicitly (services deny endpoints without a security annotation)
@PermitAll
@Path("/api/v1/categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Categories")
public class CategoryResource {

    /** {@code name}: ITU's English name; {@code label} in the reply's Content-Language; {@code labels} all six. */
    public record CategoryView(String code, String name,
                               @Schema(description = "The name in the language of the reply's Content-Language (Accept-Language, else English)") String label,
                               @Schema(description = "The name in each UN language") LabelTexts labels,
                               @Schema(description = "Languages (ISO 639-1) of official texts (ITU's); the others are the platform's translation") List<String> officialLabels) {
    }

    /** prize-category-labels.tsv next to this class; matched on the English name (a renamed category: English only). */
    private static final LabelTable LABELS = LabelTable.load(CategoryResource.class, "prize-category-labels.tsv");

    @GET
    @Operation(operationId = "listPrizeCategories",
            summary = "The 18 action-line categories every edition starts with (an edition's own, with its special prizes: GET /editions/{year}/categories)")
    @APIResponse(responseCode = "200", description = "The default categories",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CategoryView.class, type = SchemaType.ARRAY)))
    public Response list(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description =
            "The language of each label: the first of ar, zh, en, fr, ru, es the header accepts, else English "
            + "(Content-Language says which); labels carries all six.") String acceptLanguage) {
        UnLanguage language = LanguagePreference.parse(acceptLanguage).first();
        return LocalizedReply.ok(Category.<Category>listAll(Sort.by("sortOrder")).stream().map(c -> {
            Label label = LABELS.matching(c.code, c.name, true);
            return new CategoryView(c.code, c.name, label.in(language), label.texts(), label.officialCodes());
        }).toList(), language);
    }
}
