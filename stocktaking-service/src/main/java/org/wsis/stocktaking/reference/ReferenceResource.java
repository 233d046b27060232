package org.wsis.stocktaking.reference;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Collection;
import java.util.List;

/** Read-only reference data; clients use these codes in entries and search filters. */
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
    public List<ReferenceData.Sdg> sdgs() {
        return reference.sdgs();
    }

    @GET
    @Path("stakeholder-types")
    @Operation(operationId = "listStakeholderTypes", summary = "Stakeholder types (government, private sector, ...)")
    public Collection<ReferenceData.Code> stakeholderTypes() {
        return reference.stakeholderTypes().values();
    }

    @GET
    @Path("target-groups")
    @Operation(operationId = "listTargetGroups", summary = "Target groups (youth, women and girls, ...)")
    public Collection<ReferenceData.Code> targetGroups() {
        return reference.targetGroups().values();
    }

    @GET
    @Path("regions")
    @Operation(operationId = "listRegions", summary = "The six ITU regions")
    public Collection<ReferenceData.Code> regions() {
        return reference.regions().values();
    }

    @GET
    @Path("countries")
    @Operation(operationId = "listCountries", summary = "Countries: ISO 3166-1 alpha-2 and alpha-3, UN M49 and ITU region")
    public Collection<ReferenceData.Country> countries() {
        return reference.countries().values();
    }
}
