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
import org.wsis.indicators.IndicatorsConfig;
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
 * The rules of agency uploads (BatchResource is their HTTP face). Agencies upload batches of observations. Small uploads are validated and published within the
 * request (201, or 422/403 with every bad row); large ones, or any sent with
 * {@code Prefer: respond-async}, become a job: 202 with the batch's Location to poll.
 */
@jakarta.inject.Singleton
public class BatchUploads {
    private static final Logger LOG = Logger.getLogger(BatchUploads.class);
    /** Bad rows listed in the problem body of a synchronous rejection; the rest via /errors. */
    private static final int ERRORS_IN_PROBLEM = 1000;

    /** Uploads handed to a job, which deletes them; the request deletes every other upload. */
    private final java.util.Set<java.nio.file.Path> queuedFiles = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** One publish at a time: they serialise on an advisory lock anyway. Owned by this singleton. */
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "indicator-batch-jobs");
        thread.setDaemon(true);
        return thread;
    });

    private final CurrentUser caller;
    private final Idempotency idempotency;
    private final BatchStore store;
    private final BatchPublisher publisher;
    private final long maxBytes;
    private final long syncMaxBytes;
    private final BatchHeartbeat heartbeat;
    private final UploadFiles uploadFiles;

    public BatchUploads(CurrentUser caller, Idempotency idempotency, BatchStore store, BatchPublisher publisher,
                        IndicatorsConfig config, BatchHeartbeat heartbeat, UploadFiles uploadFiles) {
        this.caller = caller;
        this.idempotency = idempotency;
        this.store = store;
        this.publisher = publisher;
        this.maxBytes = config.upload().maxBytes();
        this.syncMaxBytes = config.upload().syncMaxBytes();
        this.heartbeat = heartbeat;
        this.uploadFiles = uploadFiles;
    }

    @PreDestroy
    void stopJobs() {
        jobs.shutdown();
    }

    /**
     * Stores the body (bounded), then validates and publishes it within the request or as a job. Answers the
     * Response itself: with an Idempotency-Key, a retry is answered the stored response of the first upload.
     */
    public Response upload(String contentType, String prefer, String idempotencyKey, Long declaredLength,
                           InputStream body, UriInfo uri) throws IOException {
        if (declaredLength != null && declaredLength > maxBytes) {
            // refused before a byte is read, as the gateway does: the service's own port is no way around it
            throw tooLarge();
        }
        String agency = caller.agency().orElseThrow(() ->
                ProblemException.forbidden("The token carries no 'agency' claim: only agency clients and agency staff provide data"));
        UploadFormat format = UploadFormat.fromContentType(contentType);
        java.nio.file.Path file = uploadFiles.create();
        Received received;
        try {
            java.nio.charset.Charset declared = UploadFormat.declaredCharset(contentType);
            boolean transcode = declared != null && (format == UploadFormat.CSV || format == UploadFormat.SDMX_CSV)
                    && !declared.equals(java.nio.charset.StandardCharsets.UTF_8) && !declared.name().startsWith("UTF-16")
                    && !declared.equals(java.nio.charset.StandardCharsets.US_ASCII);
            // a CSV in a declared single-byte charset (ISO-8859-1, windows-1252...) is stored as UTF-8
            received = copyBounded(transcode ? new Utf8Transcoder(body, declared) : body, file);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        // A retry with the same key and the same file answers what the first upload answered (the same
        // batch), instead of creating a second batch; the key is kept only once the upload was accepted.
        try {
            return idempotency.execute("batches", idempotencyKey, agency, new UploadFingerprint(format, received.sha256()),
                    () -> accept(agency, format, file, received.size(), prefer, uri));
        } finally {
            if (!jobQueued(file)) {
                Files.deleteIfExists(file);
            }
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(Problem.of(413, "too-large", "Upload too large",
                "Uploads are limited to " + maxBytes + " bytes; split the batch"));
    }

    /** What identifies an upload for Idempotency-Key: its format and its content. */
    record UploadFingerprint(UploadFormat format, String sha256) {
    }

    private record Received(long size, String sha256) {
    }

    private boolean jobQueued(java.nio.file.Path file) {
        return queuedFiles.contains(file);
    }

    private Response accept(String agency, UploadFormat format, java.nio.file.Path file, long size, String prefer, UriInfo uri) {
        UUID id = store.create(agency, caller.subject(), format);
        heartbeat.working(id); // until it is finished; if this instance dies, another marks the batch FAILED
        URI location = uri.getBaseUriBuilder().path("api/v1/batches").path(id.toString()).build();
        boolean async = size > syncMaxBytes || (prefer != null && prefer.contains("respond-async"));
        if (async) {
            queuedFiles.add(file); // the job deletes it when done
            try {
                jobs.submit(() -> runJob(id, agency, format, file));
            } catch (RuntimeException notAccepted) {
                queuedFiles.remove(file);
                heartbeat.done(id);
                throw notAccepted;
            }
            return Response.accepted(store.find(id, agency)).location(location).build();
        }
        try (InputStream in = Files.newInputStream(file)) {
            publisher.process(id, agency, format, in);
        } catch (RowReader.MalformedUpload e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            heartbeat.done(id); // the upload file is deleted by upload()
        }
        BatchStore.BatchView view = store.find(id, agency);
        if (view.status() == BatchStatus.PUBLISHED) {
            return Response.created(location).entity(view).build();
        }
        throw rejection(view);
    }

    private void runJob(UUID id, String agency, UploadFormat format, java.nio.file.Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            publisher.process(id, agency, format, in);
        } catch (Exception e) {
            LOG.debugf(e, "Batch job %s ended without publishing", id);   // the batch row says why
        } finally {
            queuedFiles.remove(file);
            heartbeat.done(id);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("Could not delete %s", file);
            }
        }
    }

    private ProblemException rejection(BatchStore.BatchView view) {
        List<BatchStore.BatchError> errors = store.errors(view.id(), 0, ERRORS_IN_PROBLEM);
        boolean wrongProvider = errors.stream().anyMatch(e -> e.message().contains("does not provide indicator"));
        String detail = view.errorCount() + " row(s) failed validation; nothing of batch " + view.id() + " was published"
                + (view.errorCount() > ERRORS_IN_PROBLEM ? " (first " + ERRORS_IN_PROBLEM + " listed; all at /api/v1/batches/" + view.id() + "/errors)" : "");
        Problem problem = wrongProvider
                ? Problem.of(403, "wrong-provider", "Indicators not provided by this agency", detail)
                : Problem.of(422, "validation", "Invalid batch", detail);
        boolean json = "JSON".equals(view.format());
        return new ProblemException(problem.withErrors(errors.stream()
                .map(e -> new Problem.FieldError(json ? "observations[" + (e.line() - 1) + "]." + e.field() : "line " + e.line() + ": " + e.field(), e.message()))
                .toList()));
    }

    /** Copies the body to a file, refusing more than maxBytes with a 413; returns its size and SHA-256. */
    private Received copyBounded(InputStream body, java.nio.file.Path file) throws IOException {
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        java.security.MessageDigest sha256;
        try {
            sha256 = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (OutputStream out = new java.security.DigestOutputStream(Files.newOutputStream(file), sha256)) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        }
        return new Received(total, java.util.HexFormat.of().formatHex(sha256.digest()));
    }

    public BatchStore.BatchView get(UUID id) {
        return store.find(id, visibleAgency());
    }

    public Page<BatchStore.BatchError> errors(UUID id, PageParams page) {
        BatchStore.BatchView view = store.find(id, visibleAgency());
        List<BatchStore.BatchError> errors = store.errors(id, page.offset(), page.size);
        return new Page<>(errors, page.page, page.size, view.errorCount());
    }

    /** Agencies see their own batches; a platform admin without agency sees all. */
    private String visibleAgency() {
        return caller.agency().orElseGet(() -> {
            if (caller.hasRole(Roles.PLATFORM_ADMIN)) {
                return null;
            }
            throw ProblemException.forbidden("The token carries no 'agency' claim");
        });
    }
}
