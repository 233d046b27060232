package org.wsis.stocktaking.reference;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/reference/action-lines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reference data")
@jakarta.annotation.security.PermitAll
public class ActionLineResource {

    public record ActionLineView(String code, @Schema(nullable = true) String parentCode, String name, String leadAgencies) {
    }

    @GET
    @Operation(operationId = "listActionLines", summary = "The WSIS action lines with their lead facilitators")
    public List<ActionLineView> list() {
        return ActionLine.<ActionLine>listAll(io.quarkus.panache.common.Sort.by("code")).stream()
                .map(a -> new ActionLineView(a.code, a.parentCode, a.name, a.leadAgencies)).toList();
    }
}
