package org.wsis.forum.privacy;

import java.time.Clock;
import org.wsis.commons.time.ServiceClock;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.quarkus.security.Authenticated;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.security.CurrentUser;
import org.wsis.forum.proposal.ProposalResource;
import org.wsis.forum.proposal.SessionProposal;
import org.wsis.forum.registration.Registration;
import org.wsis.forum.registration.RegistrationDtos;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    private final EntityManager entityManager;
    private final CurrentUser caller;

    private final Clock clock;

    public PersonalDataResource(EntityManager entityManager, CurrentUser caller, Clock clock) {
        this.clock = clock;
        this.entityManager = entityManager;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "exportMyPersonalData", summary = "Download everything the forum holds about me")
    @APIResponse(responseCode = "200", description = "Everything the forum holds about the caller",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonalData.class)))
    public Response export() {
        String me = caller.subject();
        List<Registration> registrations = Registration.list("subjectId = ?1 order by registeredAt", me);
        @SuppressWarnings("unchecked")
        List<Object[]> signups = entityManager.createNativeQuery("""
                        SELECT s.id, s.session_id, f.title, s.registration_id, s.status, s.signed_up_at
                        FROM session_signup s JOIN registration r ON r.id = s.registration_id
                        JOIN forum_session f ON f.id = s.session_id
                        WHERE r.subject_id = ?1 ORDER BY s.id""")
                .setParameter(1, me).getResultList();
        List<SessionProposal> proposals = SessionProposal.list("proposerId = ?1 order by submittedAt", me);
        var data = new PersonalData(me, ServiceClock.utcNow(clock),
                registrations.stream().map(RegistrationDtos.RegistrationView::of).toList(),
                signups.stream().map(r -> new SignupRecord(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2],
                        (UUID) r[3], (String) r[4], toTime(r[5]))).toList(),
                proposals.stream().map(ProposalResource.ProposalView::of).toList());
        return Response.ok(data).header("Content-Disposition", "attachment; filename=\"my-wsis-forum-data.json\"").build();
    }

    @DELETE
    @Transactional
    @Operation(operationId = "eraseMyPersonalData", summary = "Erase my personal data (anonymous counts are kept)")
    public Erasure erase() {
        String me = caller.subject();
        OffsetDateTime now = ServiceClock.utcNow(clock);
        int registrations = entityManager.createNativeQuery("""
                        UPDATE registration SET subject_id = NULL, full_name = NULL, organisation = NULL, country = NULL,
                               accessibility_needs = NULL, consent_given_at = NULL, erased_at = ?2, updated_at = ?2,
                               version = version + 1
                        WHERE subject_id = ?1""")
                .setParameter(1, me).setParameter(2, now).executeUpdate();
        int proposals = entityManager.createNativeQuery("UPDATE session_proposal SET proposer_id = NULL WHERE proposer_id = ?1")
                .setParameter(1, me).executeUpdate();
        return new Erasure(registrations, proposals, now);
    }

    private static OffsetDateTime toTime(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
