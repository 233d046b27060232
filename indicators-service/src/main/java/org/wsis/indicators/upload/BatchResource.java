package org.wsis.indicators.upload;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.wsis.commons.idempotency.Idempotency;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.security.Roles;
import org.wsis.indicators.IndicatorRoles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Agencies upload batches of observations. Small uploads are validated and published within the
 * request (201, or 422/403 with every bad row); large ones, or any sent with
 * {@code Prefer: respond-async}, become a job: 202 with the batch's Location to poll. The rules: BatchUploads.
 */
@Path("/api/v1/batches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Batches (data submission)")
public class BatchResource {
    private final BatchUploads uploads;

    public BatchResource(BatchUploads uploads) {
        this.uploads = uploads;
    }

    @POST
    @RolesAllowed(IndicatorRoles.PUBLISHER)
    @Operation(operationId = "uploadBatch", summary = "Upload a batch of observations: text/csv, SDMX-CSV 1.0/2.0 (application/vnd.sdmx.data+csv), "
            + "SDMX-ML 2.1 (application/vnd.sdmx.structurespecificdata+xml, application/vnd.sdmx.genericdata+xml) or application/json")
    @APIResponse(responseCode = "201", description = "Validated and published",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchStore.BatchView.class)))
    @APIResponse(responseCode = "202", description = "Accepted as a job; poll the Location",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchStore.BatchView.class)))
    @APIResponse(responseCode = "400", description = "The file is malformed (header, JSON, XML), not UTF-8/UTF-16 with BOM, or has a line over 65,536 characters")
    @APIResponse(responseCode = "403", description = "Rows for indicators the agency does not provide")
    @APIResponse(responseCode = "413", description = "Too large")
    @APIResponse(responseCode = "415", description = "Another content type, or a charset other than UTF-8/UTF-16")
    @APIResponse(responseCode = "422", description = "Rows failed validation, or the Idempotency-Key was used for another file")
    public Response upload(@HeaderParam("Content-Type") String contentType, @HeaderParam("Prefer") String prefer,
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                           @HeaderParam("Content-Length") Long declaredLength,
                           InputStream body, @Context UriInfo uri) throws IOException {
        return uploads.upload(contentType, prefer, idempotencyKey, declaredLength, body, uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({IndicatorRoles.PUBLISHER, Roles.PLATFORM_ADMIN})
    @Operation(operationId = "getBatch", summary = "A batch: status (RECEIVED, VALIDATING, PUBLISHING, PUBLISHED, REJECTED, FAILED), progress and counts")
    public BatchStore.BatchView get(@PathParam("id") UUID id) {
        return uploads.get(id);
    }

    @GET
    @Path("{id}/errors")
    @RolesAllowed({IndicatorRoles.PUBLISHER, Roles.PLATFORM_ADMIN})
    @Operation(operationId = "listBatchErrors", summary = "The validation report of a batch: every bad row with its reason, paginated")
    @APIResponse(responseCode = "200", description = "A page of the bad rows",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchStore.BatchError.class, type = SchemaType.ARRAY)))
    public Response errors(@PathParam("id") UUID id, @BeanParam @Valid PageParams page, @Context UriInfo uri) {
        return uploads.errors(id, page).toResponse(uri);
    }
}
