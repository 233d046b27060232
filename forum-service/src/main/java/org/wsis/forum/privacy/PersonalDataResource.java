package org.wsis.forum.privacy;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.forum.proposal.ProposalResource;
import org.wsis.forum.registration.RegistrationDtos;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The caller's personal data: a download of everything held about them, and erasure. Erasure
 * nulls the personal fields and the link to the person but keeps each registration row (status,
 * attendance, stakeholder type, region, edition) and its sign-ups, so every count stays the same.
 * Erasure does not cancel anything: cancel first to free seats.
 */
@Path("/api/v1/me/personal-data")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Personal data")
public class PersonalDataResource {

    public record SignupRecord(long id, UUID sessionId, String sessionTitle, UUID registrationId, String status,
                               OffsetDateTime signedUpAt) {
    }

    public record PersonalData(String subject, OffsetDateTime exportedAt,
                               List<RegistrationDtos.RegistrationView> registrations, List<SignupRecord> sessionSignups,
                               List<ProposalResource.ProposalView> proposals) {
    }

    public record Erasure(int registrationsErased, int proposalsUnlinked, OffsetDateTime erasedAt) {
    }

    private final PersonalDataService personalData;

    public PersonalDataResource(PersonalDataService personalData) {
        this.personalData = personalData;
    }

    @GET
    @Operation(operationId = "exportMyPersonalData", summary = "Download everything the forum holds about me")
    @APIResponse(responseCode = "200", description = "Everything the forum holds about the caller",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonalData.class)))
    public Response export() {
        return Response.ok(personalData.export())
                .header("Content-Disposition", "attachment; filename=\"my-wsis-forum-data.json\"").build();
    }

    @DELETE
    @Operation(operationId = "eraseMyPersonalData", summary = "Erase my personal data (anonymous counts are kept)")
    public Erasure erase() {
        return personalData.erase();
    }
}
