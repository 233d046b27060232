package org.wsis.prizes.category;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.wsis.commons.audit.AuditLog;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.prizes.PrizeRoles;

import java.util.List;

/** An edition's categories: the 18 action-line categories and the special prizes of that year. */
@Path("/api/v1/editions/{year}/categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Categories")
public class EditionCategoryResource {
    private final EditionCategories categories;
    private final org.wsis.commons.security.CurrentUser caller;
    private final java.time.Clock clock;

    public EditionCategoryResource(EditionCategories categories, org.wsis.commons.security.CurrentUser caller, java.time.Clock clock) {
        this.categories = categories;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listEditionCategories",
            summary = "The categories of an edition: the 18 action-line categories and its special prizes")
    @APIResponse(responseCode = "200", description = "The edition's categories, in order",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CategoryDtos.EditionCategoryView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such edition")
    public Response list(@PathParam("year") int year,
                         @jakarta.ws.rs.HeaderParam(jakarta.ws.rs.core.HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        org.wsis.commons.i18n.LanguagePreference preference = org.wsis.commons.i18n.LanguagePreference.parse(acceptLanguage);
        return Response.ok(categories.of(year).stream().map(c -> CategoryDtos.EditionCategoryView.of(c, preference)).toList())
                .header(jakarta.ws.rs.core.HttpHeaders.VARY, jakarta.ws.rs.core.HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    @PUT
    @Path("{code}/translations/{lang}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PrizeRoles.ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "edition-category.translated")
    @Operation(operationId = "putEditionCategoryTranslation",
            summary = "Give or replace a category's name and description in a UN language (prize-admin)",
            description = "`lang` is one of ar zh en fr ru es, not the category's original language; `title` is the name; origin "
                    + "OWNER (written by the administrators), HUMAN (translated by a person) or MACHINE (machine translated).")
    @APIResponse(responseCode = "200", description = "The category (in its original language, with every translation)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CategoryDtos.EditionCategoryView.class)))
    @APIResponse(responseCode = "400", description = "Not one of the six UN language codes, or an invalid body")
    @APIResponse(responseCode = "404", description = "No such edition or category")
    @APIResponse(responseCode = "422", description = "lang is the category's original language")
    public CategoryDtos.EditionCategoryView translate(@PathParam("year") int year, @PathParam("code") @Size(max = 40) String code,
                                                      @PathParam("lang") @Pattern(regexp = org.wsis.commons.i18n.Translations.LANGUAGE_PATTERN,
                                                              message = org.wsis.commons.i18n.Translations.LANGUAGE_MESSAGE) String lang,
                                                      @NotNull(message = "a JSON body is required") @Valid org.wsis.commons.i18n.NewTranslation request) {
        return CategoryDtos.EditionCategoryView.of(categories.translate(year, code, lang, request, caller.subject(),
                org.wsis.commons.time.ServiceClock.utcNow(clock)));
    }

    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PrizeRoles.ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "special-prize.added,special-prize.changed")
    @Operation(operationId = "putEditionSpecialPrize",
            summary = "Add a special prize to an edition, or rename it (prize-admin; before voting opens)",
            description = "The code is SP. followed by upper-case words joined by hyphens, e.g. SP.HEALTHY-AGEING. "
                    + "Any eligible entry may be submitted to a special prize. Frozen once voting opens (409 rules-frozen).")
    @APIResponse(responseCode = "201", description = "The special prize, added",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CategoryDtos.EditionCategoryView.class)))
    @APIResponse(responseCode = "200", description = "The special prize, changed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CategoryDtos.EditionCategoryView.class)))
    @APIResponse(responseCode = "400", description = "Invalid code or body")
    @APIResponse(responseCode = "404", description = "No such edition")
    @APIResponse(responseCode = "409", description = "Voting has opened (rules-frozen), or the code is an action-line category")
    public Response put(@PathParam("year") int year,
                        @PathParam("code") @Size(max = 40) @Pattern(regexp = CategoryDtos.SPECIAL_PRIZE_CODE,
                                message = "must be SP. followed by upper-case words joined by hyphens, e.g. SP.HEALTHY-AGEING") String code,
                        @NotNull(message = "a JSON body is required") @Valid CategoryDtos.SpecialPrizeRequest request) {
        boolean created = categories.putSpecialPrize(year, code, request);
        return Response.status(created ? 201 : 200)
                .entity(CategoryDtos.EditionCategoryView.of(EditionCategory.lookup(year, code))).build();
    }

    @DELETE
    @Path("{code}")
    @RolesAllowed(PrizeRoles.ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "special-prize.removed")
    @Operation(operationId = "deleteEditionSpecialPrize",
            summary = "Remove a special prize nothing was submitted to (prize-admin; before voting opens)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such edition or special prize")
    @APIResponse(responseCode = "409", description = "Voting has opened (rules-frozen), or the prize has submissions")
    public Response delete(@PathParam("year") int year, @PathParam("code") String code) {
        categories.deleteSpecialPrize(year, code);
        return Response.noContent().build();
    }
}
