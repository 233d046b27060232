package org.wsis.prizes.edition;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.wsis.commons.http.Preconditions;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;

import java.time.Clock;
import java.util.List;

/** Editions and the phase rules every other feature asks about. */
@ApplicationScoped
public class EditionService {
    private final Clock clock;

    public EditionService(Clock clock) {
        this.clock = clock;
    }

    public Phase phaseNow(Edition edition) {
        return edition.phaseAt(clock.instant());
    }

    public Edition get(int year) {
        Edition edition = Edition.findById(year);
        if (edition == null) {
            throw ProblemException.notFound("Edition", year);
        }
        return edition;
    }

    /** The edition, locked for the rest of the transaction (serialises results work on one edition). */
    public Edition getForUpdate(int year) {
        Edition edition = Edition.findById(year, LockModeType.PESSIMISTIC_WRITE);
        if (edition == null) {
            throw ProblemException.notFound("Edition", year);
        }
        return edition;
    }

    /** 409 unless the edition is in the given phase now. */
    public Edition requirePhase(int year, Phase wanted, String action) {
        Edition edition = get(year);
        requirePhase(edition, wanted, action);
        return edition;
    }

    public void requirePhase(Edition edition, Phase wanted, String action) {
        Phase now = phaseNow(edition);
        if (now != wanted) {
            throw wrongPhase(edition.year, now, wanted, action);
        }
    }

    public static ProblemException wrongPhase(int year, Phase now, Phase wanted, String action) {
        return new ProblemException(Problem.of(409, "wrong-phase", "Not allowed in this phase",
                "Edition " + year + " is in phase " + now + "; " + action + " is allowed only in phase " + wanted));
    }

    public List<Edition> list() {
        return Edition.listAll(Sort.descending("year"));
    }

    @Transactional
    public Edition create(EditionDtos.EditionRequest request, int year) {
        if (Edition.findById(year) != null) {
            throw ProblemException.conflict("Edition " + year + " already exists");
        }
        Edition edition = new Edition();
        edition.year = year;
        apply(edition, request);
        edition.persist();
        return edition;
    }

    /** Administrators set and move the phase dates (optimistic: If-Match with the edition's ETag). */
    @Transactional
    public Edition update(int year, EditionDtos.EditionRequest request, String ifMatch) {
        Edition edition = get(year);
        Preconditions.requireIfMatch(ifMatch, Preconditions.etag(edition.year, edition.version));
        if (edition.resultsPublishedAt != null) {
            throw ProblemException.conflict("Edition " + year + " results are published; its dates are final");
        }
        apply(edition, request);
        Edition.flush(); // bumps the @Version now, so the response carries the new ETag
        return edition;
    }

    private static void apply(Edition edition, EditionDtos.EditionRequest request) {
        request.requireOrderedPhases();
        edition.submissionOpens = request.submissionOpens();
        edition.reviewOpens = request.reviewOpens();
        edition.nominationOpens = request.nominationOpens();
        edition.votingOpens = request.votingOpens();
        edition.resultsOpen = request.resultsOpen();
        edition.championsPerCategory = request.championsPerCategory() == null ? 5 : request.championsPerCategory();
    }
}
