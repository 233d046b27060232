package org.wsis.prizes.category;

import jakarta.annotation.security.PermitAll;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    @Operation(operationId = "listPrizeCategories", summary = "The 18 WSIS Prize categories")
    public List<CategoryView> list() {
        return Category.<Category>listAll(Sort.by("sortOrder")).stream().map(c -> new CategoryView(c.code, c.name)).toList();
    }
}
