package org.wsis.indicators.codelist;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.i18n.LocalizedReply;
import org.wsis.commons.i18n.UnLanguage;
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
import org.wsis.commons.security.Roles;
import org.wsis.commons.text.PlainText;

import java.util.List;

/** SDMX code lists as JSON: public reads; ITU staff (platform-admin) create lists and add, rename or delete codes. */
@Path("/api/v1/codelists")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Indicators")
public class CodelistResource {
    /** A code list id as SDMX names them here: CL_ and capitals. */
    static final String ID = "CL_[A-Z0-9_]{1,40}";
    /** An SDMX code id. */
    static final String CODE = "[A-Za-z0-9_@$-]{1,50}";

    public record NewCode(@NotNull @Pattern(regexp = CODE, message = "must be an SDMX code id such as Y16T24") String code,
                          @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String name) {
    }

    public record NewCodelist(@NotNull @Pattern(regexp = ID, message = "must be a code list id such as CL_SKILL") String id,
                              @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String name,
                              @Size(max = 1000) List<@NotNull @Valid NewCode> codes) {
    }

    public record CodeName(@NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String name) {
    }

    static final String ACCEPT_LANGUAGE = "The language of each label: the first of ar, zh, en, fr, ru, es the header accepts, "
            + "else English (Content-Language says which); labels carries every UN language at once.";

    private final CodelistService codelists;

    public CodelistResource(CodelistService codelists) {
        this.codelists = codelists;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listCodelists", summary = "Every code list with its SDMX version and codes")
    @APIResponse(responseCode = "200", description = "The code lists",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CodelistService.CodelistView.class, type = SchemaType.ARRAY)))
    public Response list(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = ACCEPT_LANGUAGE) String acceptLanguage) {
        UnLanguage language = LanguagePreference.parse(acceptLanguage).first();
        return LocalizedReply.ok(codelists.list(language), language);
    }

    @GET
    @PermitAll
    @Path("{id}")
    @Operation(operationId = "getCodelist", summary = "One code list with its SDMX version and codes")
    @APIResponse(responseCode = "200", description = "The code list",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CodelistService.CodelistView.class)))
    @APIResponse(responseCode = "404", description = "No such code list")
    public Response get(@PathParam("id") String id,
                        @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) @Parameter(description = ACCEPT_LANGUAGE) String acceptLanguage) {
        UnLanguage language = LanguagePreference.parse(acceptLanguage).first();
        return LocalizedReply.ok(codelists.get(id, language), language);
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "codelist.created")
    @Operation(operationId = "createCodelist", summary = "Create a code list (ITU staff, platform admins); served at /sdmx/codelist at once, version 1.0")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CodelistService.CodelistView.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed field")
    @APIResponse(responseCode = "409", description = "A code list with this id exists")
    @APIResponse(responseCode = "422", description = "A code listed twice")
    public Response create(@NotNull @Valid NewCodelist request, @Context UriInfo uri) {
        List<CodelistService.CodeView> codes = request.codes() == null ? List.of()
                : request.codes().stream().map(c -> new CodelistService.CodeView(c.code(), c.name(), null, null)).toList();
        CodelistService.CodelistView created = codelists.create(request.id(), request.name(), codes);
        return Response.created(uri.getBaseUriBuilder().path("api/v1/codelists").path(created.id()).build()).entity(created)
                .header(HttpHeaders.CONTENT_LANGUAGE, UnLanguage.FALLBACK.code()).build(); // writes answer with English labels
    }

    @PUT
    @Path("{id}/codes/{code}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "codelist.code-added,codelist.code-renamed")
    @Operation(operationId = "putCodelistCode",
            summary = "Add a code to a code list or rename it (ITU staff, platform admins): the list's next version; the same name again changes nothing")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CodelistService.CodelistView.class)))
    @APIResponse(responseCode = "200", description = "Renamed, or already so",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CodelistService.CodelistView.class)))
    @APIResponse(responseCode = "400", description = "A malformed code or name")
    @APIResponse(responseCode = "404", description = "No such code list")
    @APIResponse(responseCode = "409", description = "The code list is built from other data or is SDMX's own")
    public Response putCode(@PathParam("id") @Pattern(regexp = ID, message = "must be a code list id such as CL_AGE") String id,
                            @PathParam("code") @Pattern(regexp = CODE, message = "must be an SDMX code id such as Y16T24") String code,
                            @NotNull @Valid CodeName body) {
        boolean added = codelists.putCode(id, code, body.name());
        return Response.status(added ? 201 : 200).entity(codelists.get(id))
                .header(HttpHeaders.CONTENT_LANGUAGE, UnLanguage.FALLBACK.code()).build(); // writes answer with English labels
    }

    @DELETE
    @Path("{id}/codes/{code}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "codelist.code-deleted")
    @Operation(operationId = "deleteCodelistCode", summary = "Delete a code no observation uses (ITU staff, platform admins): the list's next version")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "A malformed code list id or code")
    @APIResponse(responseCode = "404", description = "No such code list or code")
    @APIResponse(responseCode = "409", description = "The code is in use (or is the total _T), or the list is not changed through the API")
    public Response deleteCode(@PathParam("id") @Pattern(regexp = ID, message = "must be a code list id such as CL_AGE") String id,
                               @PathParam("code") @Pattern(regexp = CODE, message = "must be an SDMX code id such as Y16T24") String code) {
        codelists.deleteCode(id, code);
        return Response.noContent().build();
    }
}
