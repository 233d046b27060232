package org.wsis.prizes.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.edition.Phase;
import org.wsis.prizes.submission.Submission;
import org.wsis.prizes.submission.SubmissionService;
import org.wsis.prizes.submission.SubmissionStatus;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Administrators assign reviewers (never from the submission's own organisation); reviewers score. */
@ApplicationScoped
public class ReviewService {
    private final EditionService editions;
    private final SubmissionService submissions;
    private final CurrentUser caller;
    private final Clock clock;

    public ReviewService(EditionService editions, SubmissionService submissions, CurrentUser caller, Clock clock) {
        this.editions = editions;
        this.submissions = submissions;
        this.caller = caller;
        this.clock = clock;
    }

    /** Assignment is possible while submissions come in and during the review phase. */
    @Transactional
    public Review assign(int year, ReviewDtos.ReviewerAssignment assignment) {
        UUID submissionId = assignment.submissionId();
        Phase phase = editions.phaseNow(editions.get(year));
        if (phase != Phase.SUBMISSION && phase != Phase.REVIEW) {
            throw EditionService.wrongPhase(year, phase, Phase.REVIEW, "assigning reviewers");
        }
        Submission submission = submissions.get(year, submissionId);
        if (submission.status == SubmissionStatus.WITHDRAWN) {
            throw ProblemException.conflict("Submission " + submissionId + " is withdrawn");
        }
        if (sameOrganisation(assignment.organisation(), submission.organisation)) {
            throw new ProblemException(Problem.of(422, "conflict-of-interest", "Conflict of interest",
                    "A reviewer from " + submission.organisation + " cannot review that organisation's submission")
                    .withErrors(List.of(new Problem.FieldError("organisation", "is the submission's own organisation"))));
        }
        if (Review.findById(new Review.Key(submissionId, assignment.reviewerId())) != null) {
            throw ProblemException.conflict("Reviewer " + assignment.reviewerId() + " is already assigned to " + submissionId);
        }
        Review review = new Review();
        review.submissionId = submissionId;
        review.reviewerId = assignment.reviewerId();
        review.reviewerOrganisation = assignment.organisation().trim();
        review.assignedAt = now();
        review.persist();
        return review;
    }

    /** The assigned reviewer scores (or re-scores) during the review phase. */
    @Transactional
    public Review score(int year, UUID submissionId, ReviewDtos.Scores scores) {
        editions.requirePhase(year, Phase.REVIEW, "scoring");
        Submission submission = submissions.get(year, submissionId);
        Review review = Review.findById(new Review.Key(submissionId, caller.subject()));
        if (review == null) {
            throw ProblemException.forbidden("You are not assigned to review submission " + submissionId);
        }
        if (submission.status == SubmissionStatus.WITHDRAWN) {
            throw ProblemException.conflict("Submission " + submissionId + " is withdrawn");
        }
        review.impact = scores.impact();
        review.innovation = scores.innovation();
        review.sustainability = scores.sustainability();
        review.replicability = scores.replicability();
        review.wsisAlignment = scores.wsisAlignment();
        review.comment = scores.comment();
        review.scoredAt = now();
        return review;
    }

    public List<Review> ofSubmission(int year, UUID submissionId) {
        submissions.get(year, submissionId);
        return Review.list("submissionId", io.quarkus.panache.common.Sort.by("assignedAt"), submissionId);
    }

    /** The caller's own assignments in an edition. */
    public List<Review> mine(int year) {
        return Review.list("reviewerId = ?1 and submissionId in (select s.id from Submission s where s.editionYear = ?2)",
                caller.subject(), year);
    }

    static boolean sameOrganisation(String a, String b) {
        return a.trim().toLowerCase(Locale.ROOT).equals(b.trim().toLowerCase(Locale.ROOT));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
