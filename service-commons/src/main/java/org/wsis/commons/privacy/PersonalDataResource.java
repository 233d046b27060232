package org.wsis.commons.privacy;

import io.quarkus.security.Authenticated;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.ratelimit.WriteRateLimits;
import org.wsis.commons.security.CurrentUser;

import java.util.List;

/**
 * The caller's personal data in every service (this resource ships in service-commons): the export, and the one
 * platform-wide erasure, asked here and carried to every service by an event ({@link Erasures}). The gateway's
 * merged document names the operations per service ({@code forumExportMyPersonalData}...), and
 * {@code GET /api/me/personal-data} there collects the four exports into one.
 */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Personal data")
public class PersonalDataResource {
    static final String RATE_LIMIT = "privacy-erasures";
    /** A consent purpose as consent_record's check has it. */
    static final String PURPOSE = "^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$";

    private final PersonalDataExports exports;
    private final Erasures erasures;
    private final CurrentUser caller;
    private final WriteRateLimits limits;
    private final Consents consents;
    private final Instance<PersonalDataHolder> holders;

    PersonalDataResource(PersonalDataExports exports, Erasures erasures, CurrentUser caller, WriteRateLimits limits,
                         Consents consents, Instance<PersonalDataHolder> holders) {
        this.exports = exports;
        this.erasures = erasures;
        this.caller = caller;
        this.limits = limits;
        this.consents = consents;
        this.holders = holders;
    }

    @GET
    @Path("personal-data")
    @Operation(operationId = "exportMyPersonalData", summary = "Download everything this service holds about me")
    @APIResponse(responseCode = "200", description = "Everything this service holds about the caller",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonalDataExports.Export.class)))
    @APIResponse(responseCode = "401", description = "Not signed in")
    public Response export() {
        PersonalDataExports.Export export = exports.of(caller.subject());
        return Response.ok(export)
                .header("Content-Disposition", "attachment; filename=\"my-wsis-" + export.service() + "-data.json\"").build();
    }

    @POST
    @Path("erasure")
    @Operation(operationId = "requestMyErasure",
            summary = "Erase my personal data in every service of the platform (anonymous counts are kept); each service confirms")
    @APIResponse(responseCode = "202", description = "The erasure, recorded and sent to every service; read its progress with GET",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Erasures.Status.class)))
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "429", description = "Too many erasure requests from this caller")
    public Response requestErasure() {
        String subject = caller.subject();
        limits.acquire(RATE_LIMIT, subject, "erasure requests");
        return Response.accepted(erasures.request(subject)).build();
    }

    @GET
    @Path("erasure")
    @Operation(operationId = "listMyErasures", summary = "My erasures, newest first, with the services that confirmed each")
    @APIResponse(responseCode = "200", description = "The caller's erasures (at most 20)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Erasures.Status.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", description = "Not signed in")
    public List<Erasures.Status> erasures() {
        return erasures.of(caller.subject());
    }

    @GET
    @Path("consents")
    @Operation(operationId = "listMyConsents", summary = "The consents I gave this service, with the notice version, when, and when I withdrew them")
    @APIResponse(responseCode = "200", description = "The caller's consent records, oldest first",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Consents.Consent.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", description = "Not signed in")
    public List<Consents.Consent> consents() {
        return consents.of(caller.subject());
    }

    @POST
    @Path("consents/{purpose}/withdrawal")
    @Operation(operationId = "withdrawMyConsent",
            summary = "Withdraw a consent I gave (every notice version of that purpose); what it allowed stops (see the service's README); idempotent")
    @APIResponse(responseCode = "200", description = "The caller's records of that purpose, each with its withdrawal time (unchanged when already withdrawn)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Consents.Consent.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Not a purpose (lower-case words joined by dots, e.g. forum.registration)")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "404", description = "The caller never gave this service a consent to that purpose")
    public List<Consents.Consent> withdraw(@PathParam("purpose") @Size(max = 100)
                                           @Pattern(
            regexp = PURPOSE, message = "must be a consent purpose such as forum.registration") String purpose) {
        List<Consents.Consent> records = consents.withdraw(caller.subject(), purpose, holders);
        if (records.isEmpty()) {
            throw ProblemException.notFound("Consent", purpose);
        }
        return records;
    }
}
