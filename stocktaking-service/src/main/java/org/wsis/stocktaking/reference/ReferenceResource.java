package org.wsis.stocktaking.reference;

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
import org.wsis.commons.reference.Country;

import java.util.Collection;
import java.util.List;

/**
 * Read-only reference data; clients use these codes in entries and search filters. Countries, regions and
 * stakeholder types are the platform's one vocabulary (service-commons {@code org.wsis.commons.reference}),
 * served here so that clients (and the gateway) read the same lists every service validates against.
 */
@Path("/api/v1/reference")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reference data")
@PermitAll
public class ReferenceResource {
    private final ReferenceData reference;

    public ReferenceResource(ReferenceData reference) {
        this.reference = reference;
    }

    @GET
    @Path("sdgs")
    @Operation(operationId = "listSdgs", summary = "The 17 SDGs with the codes of their targets")
    @APIResponse(responseCode = "200", description = "The SDGs",
            content = @Content(schema = @Schema(implementation = ReferenceData.Sdg.class, type = SchemaType.ARRAY)))
    public List<ReferenceData.Sdg> sdgs() {
        return reference.sdgs();
    }

    @GET
    @Path("stakeholder-types")
    @Operation(operationId = "listStakeholderTypes", summary = "Stakeholder types (government, private sector, ..., other)")
    @APIResponse(responseCode = "200", description = "The stakeholder types every service uses",
            content = @Content(schema = @Schema(implementation = ReferenceData.Code.class, type = SchemaType.ARRAY)))
    public Collection<ReferenceData.Code> stakeholderTypes() {
        return reference.stakeholderTypes().values();
    }

    @GET
    @Path("target-groups")
    @Operation(operationId = "listTargetGroups", summary = "Target groups (youth, women and girls, ...)")
    @APIResponse(responseCode = "200", description = "The target groups",
            content = @Content(schema = @Schema(implementation = ReferenceData.Code.class, type = SchemaType.ARRAY)))
    public Collection<ReferenceData.Code> targetGroups() {
        return reference.targetGroups().values();
    }

    @GET
    @Path("regions")
    @Operation(operationId = "listRegions",
            summary = "The six ITU regions and INT, the international / global scope of multi-country projects")
    @APIResponse(responseCode = "200", description = "The region codes every service uses",
            content = @Content(schema = @Schema(implementation = ReferenceData.Code.class, type = SchemaType.ARRAY)))
    public Collection<ReferenceData.Code> regions() {
        return reference.regions().values();
    }

    @GET
    @Path("countries")
    @Operation(operationId = "listCountries",
            summary = "Countries: ISO 3166-1 alpha-3 (canonical), alpha-2, UN M49 and ITU region",
            description = "The platform's one country table; every service accepts any of the three codes on input and stores alpha-3.")
    @APIResponse(responseCode = "200", description = "Every ISO 3166-1 country and territory",
            content = @Content(schema = @Schema(implementation = Country.class, type = SchemaType.ARRAY)))
    public List<Country> countries() {
        return reference.countries();
    }
}
