package org.wsis.prizes.eligibility;

import jakarta.annotation.security.PermitAll;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.quarkus.panache.common.Sort;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Published stocktaking entries that may be submitted to the prizes (public information). */
// Public reads: open to anyone, said explicitly (services deny endpoints without a security annotation)
@PermitAll
@Path("/api/v1/eligible-entries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Eligible entries")
public class EligibleEntryResource {

    public record EligibleEntryView(UUID entryId, String title, String organisation, List<String> actionLines,
                                    OffsetDateTime publishedAt) {
        static EligibleEntryView of(EligibleEntry e) {
            return new EligibleEntryView(e.entryId, e.title, e.organisation, e.actionLines, e.publishedAt);
        }
    }

    @GET
    @Operation(operationId = "listEligibleEntries", summary = "Entries eligible for submission, newest first")
    @APIResponse(responseCode = "200", description = "A page of eligible entries",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EligibleEntryView.class, type = SchemaType.ARRAY)))
    public Response list(@BeanParam @Valid PageParams page, @Context UriInfo uri) {
        var query = EligibleEntry.<EligibleEntry>find("withdrawnAt is null", Sort.descending("publishedAt").and("entryId"));
        List<EligibleEntryView> items = query.page(page.page, page.size).list().stream().map(EligibleEntryView::of).toList();
        return new Page<>(items, page.page, page.size, query.count()).toResponse(uri);
    }

    @GET
    @Path("{entryId}")
    @Operation(operationId = "getEligibleEntry", summary = "One eligible entry")
    public EligibleEntryView get(@PathParam("entryId") UUID entryId) {
        EligibleEntry entry = EligibleEntry.findById(entryId);
        if (entry == null || entry.withdrawnAt != null) {
            throw ProblemException.notFound("Eligible entry", entryId);
        }
        return EligibleEntryView.of(entry);
    }
}
