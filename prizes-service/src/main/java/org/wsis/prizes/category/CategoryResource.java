package org.wsis.prizes.category;

import jakarta.annotation.security.PermitAll;
import io.quarkus.panache.common.Sort;
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

import java.util.List;

// Public reads: open to anyone, said explicitly (services deny endpoints without a security annotation)
@PermitAll
@Path("/api/v1/categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Categories")
public class CategoryResource {

    public record CategoryView(String code, String name) {
    }

    @GET
    @Operation(operationId = "listPrizeCategories",
            summary = "The 18 action-line categories every edition starts with (an edition's own, with its special prizes: GET /editions/{year}/categories)")
    @APIResponse(responseCode = "200", description = "The default categories",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CategoryView.class, type = SchemaType.ARRAY)))
    public List<CategoryView> list() {
        return Category.<Category>listAll(Sort.by("sortOrder")).stream().map(c -> new CategoryView(c.code, c.name)).toList();
    }
}
