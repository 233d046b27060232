package org.wsis.indicators.indicator;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import org.wsis.commons.i18n.Label;
import org.wsis.commons.i18n.LabelTexts;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.i18n.LocalizedReply;
import org.wsis.commons.i18n.UnLanguage;
import org.wsis.commons.i18n.NewTranslation;
import org.wsis.commons.i18n.StoredTranslation;
import org.wsis.commons.i18n.Translation;
import org.wsis.commons.i18n.Translations;
import org.wsis.indicators.sdmx.SdmxLabels;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.wsis.commons.audit.AuditLog;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.Roles;

import java.util.List;
import java.util.Map;

/** Indicator definitions: public reads; ITU staff (platform-admin) define and change them, each change a new version. */
@Path("/api/v1/indicators")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Indicators")
public class IndicatorResource {

    public record IndicatorView(String code, String name, String unit, int unitMultiplier, @Schema(nullable = true) String sdgIndicator, @Schema(nullable = true) String custodian,
                                @Schema(nullable = true) String methodology, List<String> providers, int version,
                                @Schema(description = "The name in the reply's Content-Language (Accept-Language on reads, else English; English on writes and where no translation exists)") String label,
                                @Schema(description = "The name in each UN language (the SDMX CL_INDICATOR names): the translations ITU staff gave, else the platform's table (official UN names of SDG indicators, the platform's translation of the others); null where not translated") LabelTexts labels,
                                @Schema(description = "Languages (ISO 639-1) whose name is an official UN text (SDG indicators worded as the UN words them, not replaced by a translation ITU staff gave); the others are the platform's translation") List<String> officialLabels,
                                @Schema(nullable = true, description = "The methodology in the language of label where ITU staff translated it, else as defined (English)") String methodologyLabel,
                                @Schema(description = "The language the definition (name, methodology) is written in: en, the SDMX structures' reference language") String originalLanguage,
                                @Schema(description = "Name (title) and methodology (description) in other UN languages as ITU staff gave them, by ISO 639-1 code, with their origin")
                                Map<String, Translation> translations) {
        static IndicatorView of(Indicator i) {
            return of(i, UnLanguage.FALLBACK);
        }

        static IndicatorView of(Indicator i, UnLanguage language) {
            Label label = SdmxLabels.indicator(i.code, i.name, i.translations);
            StoredTranslation translated = i.translations.get(label.languageFor(language).code());
            return new IndicatorView(i.code, i.name, i.unit, i.unitMultiplier, i.sdgIndicator, i.custodian, i.methodology, List.of(), i.version,
                    label.in(language), label.texts(), label.officialCodes(),
                    translated != null && translated.description != null ? translated.description : i.methodology,
                    Indicator.LANGUAGE, Translations.view(i.translations, false));
        }
    }

    static final String ACCEPT_LANGUAGE = "The language of each label: the first of ar, zh, en, fr, ru, es the header accepts, "
            + "else English (Content-Language says which); labels carries every UN language at once.";

    private final IndicatorAdministration administration;

    public IndicatorResource(IndicatorAdministration administration) {
        this.administration = administration;
    }

    // Public reads: open to anyone, said explicitly (services deny endpoints without a security annotation)
    @GET
    @PermitAll
    @Operation(operationId = "listIndicators", summary = "All indicator definitions (current versions)")
    @APIResponse(responseCode = "200", description = "The definitions, names labelled in the six UN languages",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IndicatorView.class, type = SchemaType.ARRAY)))
    public Response list(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = ACCEPT_LANGUAGE) String acceptLanguage) {
        UnLanguage language = LanguagePreference.parse(acceptLanguage).first();
        return LocalizedReply.ok(Indicator.<Indicator>listAll(Sort.by("code")).stream().map(i -> IndicatorView.of(i, language)).toList(), language);
    }

    @GET
    @PermitAll
    @Path("{code}")
    @Operation(operationId = "getIndicator", summary = "One indicator definition (its current version)")
    @APIResponse(responseCode = "200", description = "The definition, its name labelled in the six UN languages",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "404", description = "No such indicator")
    public Response get(@PathParam("code") String code,
                        @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = ACCEPT_LANGUAGE) String acceptLanguage) {
        Indicator indicator = Indicator.findById(code);
        if (indicator == null) {
            throw ProblemException.notFound("Indicator", code);
        }
        UnLanguage language = LanguagePreference.parse(acceptLanguage).first();
        // the language the name is really in (English when it has no text in the one asked for)
        UnLanguage shown = SdmxLabels.indicator(indicator.code, indicator.name, indicator.translations).languageFor(language);
        return LocalizedReply.ok(IndicatorView.of(indicator, language), shown);
    }

    @GET
    @PermitAll
    @Path("{code}/versions")
    @Operation(operationId = "listIndicatorVersions", summary = "Every version of an indicator definition, oldest first")
    @APIResponse(responseCode = "200", description = "The versions",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IndicatorAdministration.Version.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such indicator")
    public List<IndicatorAdministration.Version> versions(@PathParam("code") String code) {
        return administration.versions(code);
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "indicator.defined")
    @Operation(operationId = "defineIndicator", summary = "Define a new indicator (ITU staff, platform admins); version 1, in CL_INDICATOR at once")
    @APIResponse(responseCode = "201", description = "Defined",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed field")
    @APIResponse(responseCode = "409", description = "An indicator with this code exists")
    @APIResponse(responseCode = "422", description = "The custodian is not a known agency")
    public Response define(@NotNull @Valid IndicatorDefinition definition, @Context UriInfo uri) {
        Indicator indicator = administration.define(definition);
        return Response.created(uri.getBaseUriBuilder().path("api/v1/indicators").path(indicator.code).build())
                .entity(IndicatorView.of(indicator)).build();
    }

    @PUT
    @Path("{code}/translations/{lang}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "indicator.translated")
    @Operation(operationId = "putIndicatorTranslation",
            summary = "Give or replace an indicator's name and methodology in a UN language (ITU staff, platform admins); in CL_INDICATOR at once",
            description = "`lang` is one of ar zh fr ru es (definitions are written in English); `title` is the name, `description` the "
                    + "methodology (only for an indicator that has one); origin OWNER (written by ITU staff), HUMAN (translated by a "
                    + "person) or MACHINE (machine translated). Replaces the platform's table text for that language, an official UN "
                    + "name too (then no longer official). The same text and origin again changes nothing.")
    @APIResponse(responseCode = "200", description = "The definition (in English, with every translation)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "400", description = "Not one of the six UN language codes, or a missing or malformed field")
    @APIResponse(responseCode = "404", description = "No such indicator")
    @APIResponse(responseCode = "422", description = "lang is en (the definition's own language), or a description for an indicator without methodology")
    public IndicatorView translate(@PathParam("code") @Pattern(regexp = IndicatorDefinition.CODE, message = "must be an indicator code such as IT_USE_ii99") String code,
                                   @PathParam("lang") @Pattern(regexp = Translations.LANGUAGE_PATTERN, message = Translations.LANGUAGE_MESSAGE) String lang,
                                   @NotNull(message = "a JSON body is required") @Valid NewTranslation request) {
        return IndicatorView.of(administration.translate(code, lang, request));
    }

    @PUT
    @Path("{code}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "indicator.changed")
    @Operation(operationId = "changeIndicator",
            summary = "Change an indicator definition (ITU staff, platform admins): a new version; the same definition again changes nothing")
    @APIResponse(responseCode = "200", description = "The definition as it now is",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed field")
    @APIResponse(responseCode = "404", description = "No such indicator")
    @APIResponse(responseCode = "422", description = "The custodian is not a known agency, or the body names another code")
    public IndicatorView change(@PathParam("code") @Pattern(regexp = IndicatorDefinition.CODE, message = "must be an indicator code such as IT_USE_ii99") String code,
                                @NotNull @Valid IndicatorDefinition definition) {
        return IndicatorView.of(administration.change(code, definition));
    }
}
