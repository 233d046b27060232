package org.wsis.prizes.nomination;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.wsis.commons.audit.AuditLog;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.prizes.PrizeRoles;
import org.wsis.prizes.edition.EditionDtos;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.submission.SubmissionDtos;

import java.util.List;
import java.util.UUID;

/** The nominee list of an edition. */
@Path("/api/v1/editions/{year}/nominees")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nominees")
public class NomineeResource {
    private final NominationService nominations;
    private final EditionService editions;

    public NomineeResource(NominationService nominations, EditionService editions) {
        this.nominations = nominations;
        this.editions = editions;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listNominees", summary = "Nominees, by category (public once announced)")
    public List<SubmissionDtos.SubmissionView> list(@PathParam("year") int year, @QueryParam("category") String category) {
        return nominations.nominees(year, category).stream().map(SubmissionDtos.SubmissionView::of).toList();
    }

    @PUT
    @Path("{submissionId}")
    @RolesAllowed(PrizeRoles.ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "submission.nominated")
    @Operation(operationId = "nominateSubmission", summary = "Validate a submission as a nominee of its category (nomination phase, before the announcement)")
    public SubmissionDtos.SubmissionView nominate(@PathParam("year") int year, @PathParam("submissionId") UUID id) {
        return SubmissionDtos.SubmissionView.of(nominations.nominate(year, id));
    }

    @DELETE
    @Path("{submissionId}")
    @RolesAllowed(PrizeRoles.ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "submission.unnominated")
    @Operation(operationId = "unnominateSubmission", summary = "Take a submission off the nominee list (before the announcement)")
    public SubmissionDtos.SubmissionView unnominate(@PathParam("year") int year, @PathParam("submissionId") UUID id) {
        return SubmissionDtos.SubmissionView.of(nominations.unnominate(year, id));
    }

    @POST
    @Path("announce")
    @RolesAllowed(PrizeRoles.ADMIN)
    @Extension(name = AuditLog.OPERATION_EXTENSION, value = "edition.nominees-announced")
    @Operation(operationId = "announceNominees", summary = "Announce the nominee list: it becomes public and final, and voting can use it")
    public EditionDtos.EditionView announce(@PathParam("year") int year) {
        var edition = nominations.announce(year);
        return EditionDtos.EditionView.of(edition, editions.phaseNow(edition));
    }
}
