package org.wsis.prizes.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.eligibility.OrganisationIdentity;
import org.wsis.prizes.edition.Phase;
import org.wsis.prizes.submission.Submission;
import org.wsis.prizes.submission.SubmissionService;
import org.wsis.prizes.submission.SubmissionStatus;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Administrators assign reviewers (never from the submission's own organisation); reviewers score. */
@ApplicationScoped
public class ReviewService {
    private final EditionService editions;
    private final SubmissionService submissions;
    private final CurrentUser caller;
    private final Clock clock;
    private final Reviewers reviewers;
    private final ReviewCriteria criteria;
    private final org.wsis.commons.audit.AuditLog audit;

    public ReviewService(EditionService editions, SubmissionService submissions, CurrentUser caller, Clock clock,
                         Reviewers reviewers, ReviewCriteria criteria, org.wsis.commons.audit.AuditLog audit) {
        this.audit = audit;
        this.editions = editions;
        this.submissions = submissions;
        this.caller = caller;
        this.clock = clock;
        this.reviewers = reviewers;
        this.criteria = criteria;
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
        if (!reviewers.known(assignment.reviewerId())) {
            throw new ProblemException(Problem.of(422, "unknown-reviewer", "Not a known reviewer",
                    "No prize-reviewer " + assignment.reviewerId() + " has signed in to prizes; a reviewer becomes known "
                            + "by calling POST /reviewers/me with their own token (GET /reviewers lists them)")
                    .withErrors(List.of(new Problem.FieldError("reviewerId", "is not a prize-reviewer known to prizes"))));
        }
        if (OrganisationIdentity.same(assignment.organisation(), submission.organisation)) {
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
        // the reviewer by subject and the organisation the conflict-of-interest rule was checked against
        audit.record("submission.reviewer-assigned", "submission", submissionId, null, org.wsis.commons.audit.AuditLog.state(
                "reviewerId", review.reviewerId, "reviewerOrganisation", review.reviewerOrganisation), null);
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
        review.scores(scoresAgainstCriteria(year, scores));
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

    /** One score per criterion of the edition, no unknown criterion: 422 naming each missing or unknown one. */
    private Map<String, Integer> scoresAgainstCriteria(int year, ReviewDtos.Scores scores) {
        List<String> fields = criteria.of(year).stream().map(ReviewDtos.Criterion::field).toList();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String field : fields) {
            if (!scores.scores().containsKey(field)) {
                errors.add(new Problem.FieldError("scores." + field, "is required (a criterion of edition " + year + ")"));
            }
        }
        for (String given : scores.scores().keySet()) {
            if (!fields.contains(given)) {
                errors.add(new Problem.FieldError("scores." + given, "is not a criterion of edition " + year + " " + fields));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(422, "validation", "Invalid scores",
                    "Score each of the edition's criteria " + fields + " from 0 to 10").withErrors(errors));
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        fields.forEach(f -> ordered.put(f, scores.scores().get(f)));
        return ordered;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
