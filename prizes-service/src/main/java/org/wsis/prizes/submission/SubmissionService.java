package org.wsis.prizes.submission;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.wsis.commons.http.Preconditions;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.prizes.PrizeRoles;
import org.wsis.commons.problem.Problem;
import org.wsis.prizes.category.EditionCategory;
import org.wsis.prizes.eligibility.OrganisationIdentity;
import org.wsis.prizes.edition.Edition;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.edition.Phase;
import org.wsis.prizes.eligibility.EligibleEntry;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Entry owners submit, edit and withdraw; the submission phase decides when. */
@ApplicationScoped
public class SubmissionService {
    private final EditionService editions;
    private final CurrentUser caller;
    private final Clock clock;
    private final org.wsis.commons.privacy.Consents consents;
    /** What an entry owner agrees to when submitting it (the consent record's purpose). */
    public static final String SUBMISSION_CONSENT = "prizes.submission";

    public SubmissionService(EditionService editions, CurrentUser caller, Clock clock, org.wsis.commons.privacy.Consents consents) {
        this.consents = consents;
        this.editions = editions;
        this.caller = caller;
        this.clock = clock;
    }

    @Transactional
    public Submission submit(int year, SubmissionDtos.NewSubmission request) {
        editions.requirePhase(year, Phase.SUBMISSION, "submitting");
        EligibleEntry entry = EligibleEntry.findById(request.entryId());
        if (entry == null || entry.withdrawnAt != null) {
            throw ProblemException.invalid("entryId", "is not a published stocktaking entry");
        }
        if (!entry.ownerId.equals(caller.subject())) {
            throw ProblemException.forbidden("Only the owner of entry " + entry.entryId + " may submit it");
        }
        requireCategoryOf(year, entry, request.category());
        requireNoEarlierWin(year, entry);
        if (Submission.count("editionYear = ?1 and entryId = ?2 and status <> ?3", year, entry.entryId,
                SubmissionStatus.WITHDRAWN) > 0) {
            throw ProblemException.conflict("Entry " + entry.entryId + " is already submitted to edition " + year);
        }
        ShortDescription.require("summary", request.summary());
        Submission submission = new Submission();
        submission.id = UUID.randomUUID();
        submission.editionYear = year;
        submission.entryId = entry.entryId;
        submission.category = request.category();
        submission.ownerId = entry.ownerId;
        submission.organisation = entry.organisation;
        submission.title = entry.title;
        submission.summary = request.summary();
        submission.status = SubmissionStatus.SUBMITTED;
        submission.submittedAt = now();
        submission.updatedAt = submission.submittedAt;
        submission.persist();
        consents.record(caller.subject(), SUBMISSION_CONSENT);
        return submission;
    }

    @Transactional
    public Submission update(int year, UUID id, SubmissionDtos.SubmissionChange change, String ifMatch) {
        Submission submission = editable(year, id, ifMatch);
        editions.requirePhase(year, Phase.SUBMISSION, "editing a submission");
        if (submission.status != SubmissionStatus.SUBMITTED) {
            throw ProblemException.conflict("Submission " + id + " is " + submission.status + " and cannot be edited");
        }
        EligibleEntry entry = EligibleEntry.findById(submission.entryId);
        requireCategoryOf(year, entry, change.category());
        ShortDescription.require("summary", change.summary());
        submission.category = change.category();
        submission.summary = change.summary();
        submission.updatedAt = now();
        Submission.flush();
        return submission;
    }

    /** The caller's submission as an edit finds it (404, 403, 428/412 If-Match): what PUT and PATCH start from. */
    public Submission editable(int year, UUID id, String ifMatch) {
        Submission submission = ownSubmission(year, id);
        Preconditions.requireIfMatch(ifMatch, Preconditions.etag(submission.id, submission.version));
        return submission;
    }

    /** Withdrawal is possible until voting starts (after that the nominee list and tallies are fixed). */
    @Transactional
    public Submission withdraw(int year, UUID id) {
        Submission submission = ownSubmission(year, id);
        Edition edition = editions.get(year);
        Phase phase = editions.phaseNow(edition);
        if (phase == Phase.VOTING || phase == Phase.RESULTS) {
            throw EditionService.wrongPhase(year, phase, Phase.NOMINATION, "withdrawing (at the latest)");
        }
        if (submission.status == SubmissionStatus.WITHDRAWN) {
            throw ProblemException.conflict("Submission " + id + " is already withdrawn");
        }
        submission.status = SubmissionStatus.WITHDRAWN;
        submission.updatedAt = now();
        Submission.flush();
        return submission;
    }

    /** Administrators and reviewers see every submission; anyone else only their own. */
    public Page<Submission> list(int year, String category, PageParams page) {
        editions.get(year);
        StringBuilder query = new StringBuilder("editionYear = :year");
        Parameters params = Parameters.with("year", year);
        if (category != null) {
            query.append(" and category = :category");
            params.and("category", category);
        }
        if (!caller.hasRole(PrizeRoles.ADMIN) && !caller.hasRole(PrizeRoles.REVIEWER)) {
            query.append(" and ownerId = :owner");
            params.and("owner", caller.subject());
        }
        var found = Submission.<Submission>find(query.toString(), Sort.by("submittedAt").and("id"), params);
        return new Page<>(found.page(page.page, page.size).list(), page.page, page.size, found.count());
    }

    public Submission get(int year, UUID id) {
        Submission submission = Submission.findById(id);
        if (submission == null || submission.editionYear != year) {
            throw ProblemException.notFound("Submission", id);
        }
        return submission;
    }

    /** The owner, administrators and reviewers may read any submission; everyone may read announced nominees. */
    public Submission readable(int year, UUID id) {
        Submission submission = get(year, id);
        boolean announcedNominee = submission.status == SubmissionStatus.NOMINATED
                && editions.get(year).nomineesAnnouncedAt != null;
        if (announcedNominee || (!caller.isAnonymous() && (caller.subject().equals(submission.ownerId)
                || caller.hasRole(PrizeRoles.ADMIN) || caller.hasRole(PrizeRoles.REVIEWER)))) {
            return submission;
        }
        throw ProblemException.notFound("Submission", id); // do not reveal other owners' submissions
    }

    private Submission ownSubmission(int year, UUID id) {
        Submission submission = get(year, id);
        if (!submission.ownerId.equals(caller.subject())) {
            throw ProblemException.forbidden("Only the owner may change submission " + id);
        }
        return submission;
    }

    /**
     * The category must be one of the edition's: an action-line category among the entry's action lines,
     * or a special prize of the edition (open to any eligible entry).
     */
    private static void requireCategoryOf(int year, EligibleEntry entry, String category) {
        EditionCategory found = EditionCategory.lookup(year, category);
        if (found == null) {
            throw ProblemException.invalid("category", "unknown category " + category + " in edition " + year
                    + " (GET /editions/" + year + "/categories)");
        }
        if (!found.isSpecialPrize() && (entry.actionLines == null || !entry.actionLines.contains(category))) {
            throw ProblemException.invalid("category", "must be one of the entry's action lines " + entry.actionLines
                    + " or a special prize of the edition");
        }
    }

    /**
     * ITU's rule: previous winners are not eligible. A project that won in an earlier edition is refused,
     * whether it comes back as the same stocktaking entry or as a new entry of the same organisation with
     * the same title (organisation and title compared as {@link OrganisationIdentity} keys, so case,
     * spacing or invisible characters make no new project).
     */
    private static void requireNoEarlierWin(int year, EligibleEntry entry) {
        @SuppressWarnings("unchecked")
        List<Object[]> winners = Submission.getEntityManager().createNativeQuery("""
                        SELECT p.edition_year, p.category, s.entry_id, s.organisation, s.title
                        FROM prize_result p JOIN submission s ON s.id = p.submission_id
                        WHERE p.outcome = 'WINNER' AND p.edition_year < ?1
                        ORDER BY p.edition_year""").setParameter(1, year).getResultList();
        for (Object[] w : winners) {
            boolean sameEntry = entry.entryId.equals(w[2]);
            boolean sameProject = OrganisationIdentity.same(entry.organisation, (String) w[3])
                    && OrganisationIdentity.same(entry.title, (String) w[4]);
            if (sameEntry || sameProject) {
                int edition = ((Number) w[0]).intValue();
                throw new ProblemException(Problem.of(422, "previous-winner", "Previous winners are not eligible",
                        "\"" + entry.title + "\" (" + entry.organisation + ") won the WSIS Prize in edition " + edition
                                + " (category " + w[1] + "); previous winners are not eligible")
                        .withErrors(List.of(new Problem.FieldError("entryId",
                                "won the WSIS Prize in edition " + edition + " (category " + w[1] + ")"))));
            }
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
