package org.wsis.stocktaking.reference;

import jakarta.annotation.security.PermitAll;
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
import org.wsis.commons.i18n.LabelTable;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.i18n.LocalizedReply;
import org.wsis.commons.i18n.UnLanguage;
import org.wsis.commons.reference.ReferenceLabels;

import java.util.Collection;
import java.util.List;

/**
 * Read-only reference data; clients use these codes in entries and search filters. Countries, regions and
 * stakeholder types are the platform's one vocabulary (service-commons {@code org.wsis.commons.reference}),
 * served here so that clients (and the gateway) read the same lists every service validates against. Every item is
 * labelled in the six UN languages ({@link ReferenceViews}); {@code Accept-Language} picks {@code label}.
 */
@Path("/api/v1/reference")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reference data")
@PermitAll
public class ReferenceResource {
    static final String ACCEPT_LANGUAGE = "The language of each item's label: the first of ar, zh, en, fr, ru, es the header "
            + "accepts (q-values honoured; fr-CH is French, zh-Hans Chinese), else English. Content-Language says which; "
            + "labels always carries all six.";

    private final ReferenceData reference;

    public ReferenceResource(ReferenceData reference) {
        this.reference = reference;
    }

    @GET
    @Path("sdgs")
    @Operation(operationId = "listSdgs", summary = "The 17 SDGs with the codes of their targets, labelled in the six UN languages (the UN's texts)")
    @APIResponse(responseCode = "200", description = "The SDGs",
            content = @Content(schema = @Schema(implementation = ReferenceViews.SdgView.class, type = SchemaType.ARRAY)))
    public Response sdgs(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = ACCEPT_LANGUAGE) String acceptLanguage) {
        UnLanguage language = LanguagePreference.parse(acceptLanguage).first();
        LabelTable labels = reference.sdgLabels();
        return LocalizedReply.ok(reference.sdgs().stream().map(sdg -> {
            var label = labels.get(String.valueOf(sdg.number()));
            return new ReferenceViews.SdgView(sdg.number(), sdg.name(), label.in(language), label.texts(),
                    label.officialCodes(), sdg.targets());
        }).toList(), language);
    }

    @GET
    @Path("sdg-targets")
    @Operation(operationId = "listSdgTargets", summary = "The 169 SDG targets with their texts in the six UN languages (the UN's texts)")
    @APIResponse(responseCode = "200", description = "The SDG targets, by goal",
            content = @Content(schema = @Schema(implementation = ReferenceViews.SdgTargetView.class, type = SchemaType.ARRAY)))
    public Response sdgTargets(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = ACCEPT_LANGUAGE) String acceptLanguage) {
        UnLanguage language = LanguagePreference.parse(acceptLanguage).first();
        LabelTable labels = reference.sdgTargetLabels();
        return LocalizedReply.ok(reference.sdgTargets().values().stream().map(target -> {
            var label = labels.get(target.code());
            return new ReferenceViews.SdgTargetView(target.code(), target.sdg(), label.in(language), label.texts(),
                    label.officialCodes());
        }).toList(), language);
    }

    @GET
    @Path("stakeholder-types")
    @Operation(operationId = "listStakeholderTypes", summary = "Stakeholder types (government, private sector, ..., other), labelled in the six UN languages")
    @APIResponse(responseCode = "200", description = "The stakeholder types every service uses",
            content = @Content(schema = @Schema(implementation = ReferenceViews.LabelledCode.class, type = SchemaType.ARRAY)))
    public Response stakeholderTypes(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = ACCEPT_LANGUAGE) String acceptLanguage) {
        return labelled(reference.stakeholderTypes().values(), ReferenceLabels.stakeholderTypes(), acceptLanguage);
    }

    @GET
    @Path("target-groups")
    @Operation(operationId = "listTargetGroups", summary = "Target groups (youth, women and girls, ...), labelled in the six UN languages")
    @APIResponse(responseCode = "200", description = "The target groups",
            content = @Content(schema = @Schema(implementation = ReferenceViews.LabelledCode.class, type = SchemaType.ARRAY)))
    public Response targetGroups(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = ACCEPT_LANGUAGE) String acceptLanguage) {
        return labelled(reference.targetGroups().values(), reference.targetGroupLabels(), acceptLanguage);
    }

    @GET
    @Path("regions")
    @Operation(operationId = "listRegions",
            summary = "The six ITU regions and INT, the international / global scope of multi-country projects, labelled in the six UN languages")
    @APIResponse(responseCode = "200", description = "The region codes every service uses",
            content = @Content(schema = @Schema(implementation = ReferenceViews.LabelledCode.class, type = SchemaType.ARRAY)))
    public Response regions(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = ACCEPT_LANGUAGE) String acceptLanguage) {
        return labelled(reference.regions().values(), ReferenceLabels.regions(), acceptLanguage);
    }

    @GET
    @Path("countries")
    @Operation(operationId = "listCountries",
            summary = "Countries: ISO 3166-1 alpha-3 (canonical), alpha-2, UN M49, ITU region and the UN M49 names in the six UN languages",
            description = "The platform's one country table; every service accepts any of the three codes on input and stores alpha-3.")
    @APIResponse(responseCode = "200", description = "Every ISO 3166-1 country and territory",
            content = @Content(schema = @Schema(implementation = ReferenceViews.CountryView.class, type = SchemaType.ARRAY)))
    public Response countries(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = ACCEPT_LANGUAGE) String acceptLanguage) {
        UnLanguage language = LanguagePreference.parse(acceptLanguage).first();
        LabelTable labels = ReferenceLabels.countries();
        return LocalizedReply.ok(reference.countries().stream()
                .map(c -> ReferenceViews.CountryView.of(c, labels.get(c.alpha3()), language)).toList(), language);
    }

    private static Response labelled(Collection<ReferenceData.Code> codes, LabelTable labels, String acceptLanguage) {
        UnLanguage language = LanguagePreference.parse(acceptLanguage).first();
        List<ReferenceViews.LabelledCode> items = codes.stream()
                .map(c -> ReferenceViews.LabelledCode.of(c.code(), c.name(), labels.get(c.code()), language)).toList();
        return LocalizedReply.ok(items, language);
    }
}
