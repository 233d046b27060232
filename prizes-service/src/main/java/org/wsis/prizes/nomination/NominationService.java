package org.wsis.prizes.nomination;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.audit.AuditLog;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.prizes.PrizeRoles;
import org.wsis.prizes.edition.Edition;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.edition.Phase;
import org.wsis.prizes.submission.Submission;
import org.wsis.prizes.submission.SubmissionService;
import org.wsis.prizes.submission.SubmissionStatus;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Administrators validate nominees per category during the nomination phase, then announce the list. */
@ApplicationScoped
public class NominationService {
    private final EditionService editions;
    private final SubmissionService submissions;
    private final CurrentUser caller;
    private final EntityManager entityManager;
    private final Clock clock;
    private final AuditLog audit;

    public NominationService(EditionService editions, SubmissionService submissions, CurrentUser caller,
                             EntityManager entityManager, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.editions = editions;
        this.submissions = submissions;
        this.caller = caller;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    public Submission nominate(int year, UUID submissionId) {
        Edition edition = requireOpenNomination(year);
        Submission submission = submissions.get(edition.year, submissionId);
        if (submission.status != SubmissionStatus.SUBMITTED) {
            throw ProblemException.conflict("Submission " + submissionId + " is " + submission.status);
        }
        submission.status = SubmissionStatus.NOMINATED;
        audit.record("submission.nominated", "submission", submission.id,
                AuditLog.state("status", SubmissionStatus.SUBMITTED, "category", submission.category),
                AuditLog.state("status", submission.status, "category", submission.category), null);
        // the nominee's tally starts at zero; votes increment it in their own transaction
        entityManager.createNativeQuery("""
                        INSERT INTO vote_tally (submission_id, edition_year, category, votes) VALUES (?1, ?2, ?3, 0)""")
                .setParameter(1, submission.id).setParameter(2, year).setParameter(3, submission.category)
                .executeUpdate();
        return submission;
    }

    @Transactional
    public Submission unnominate(int year, UUID submissionId) {
        requireOpenNomination(year);
        Submission submission = submissions.get(year, submissionId);
        if (submission.status != SubmissionStatus.NOMINATED) {
            throw ProblemException.conflict("Submission " + submissionId + " is not a nominee");
        }
        submission.status = SubmissionStatus.SUBMITTED;
        audit.record("submission.unnominated", "submission", submission.id,
                AuditLog.state("status", SubmissionStatus.NOMINATED, "category", submission.category),
                AuditLog.state("status", submission.status, "category", submission.category), null);
        entityManager.createNativeQuery("DELETE FROM vote_tally WHERE submission_id = ?1")
                .setParameter(1, submissionId).executeUpdate();
        return submission;
    }

    @Transactional
    public Edition announce(int year) {
        Edition edition = requireOpenNomination(year);
        if (Submission.count("editionYear = ?1 and status = ?2", year, SubmissionStatus.NOMINATED) == 0) {
            throw ProblemException.conflict("Edition " + year + " has no nominees to announce");
        }
        edition.nomineesAnnouncedAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        audit.record("edition.nominees-announced", "edition", year, AuditLog.state("nomineesAnnouncedAt", null),
                AuditLog.state("nomineesAnnouncedAt", edition.nomineesAnnouncedAt.toInstant(),
                        "nominees", Submission.count("editionYear = ?1 and status = ?2", year, SubmissionStatus.NOMINATED)), null);
        return edition;
    }

    /** Public once announced; administrators see the list as it is being built. */
    public List<Submission> nominees(int year, String category) {
        Edition edition = editions.get(year);
        if (edition.nomineesAnnouncedAt == null && !caller.hasRole(PrizeRoles.ADMIN)) {
            throw ProblemException.notFound("Nominee list of edition", year);
        }
        return category == null
                ? Submission.list("editionYear = ?1 and status = ?2 order by category, title", year, SubmissionStatus.NOMINATED)
                : Submission.list("editionYear = ?1 and status = ?2 and category = ?3 order by title", year,
                SubmissionStatus.NOMINATED, category);
    }

    private Edition requireOpenNomination(int year) {
        Edition edition = editions.requirePhase(year, Phase.NOMINATION, "validating nominees");
        if (edition.nomineesAnnouncedAt != null) {
            throw ProblemException.conflict("The nominee list of edition " + year + " is already announced");
        }
        return edition;
    }
}
