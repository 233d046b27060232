package org.wsis.forum.edition;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.time.ServiceClock;

import java.time.Clock;

/** Forum editions: the rules of a new edition (dates within its year, one edition per year). */
@ApplicationScoped
public class EditionService {
    private final CurrentUser caller;
    private final Clock clock;

    private final org.wsis.commons.audit.AuditLog audit;

    public EditionService(CurrentUser caller, Clock clock, org.wsis.commons.audit.AuditLog audit) {
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    public Page<EditionResource.EditionView> list(PageParams page) {
        var query = ForumEdition.<ForumEdition>findAll(Sort.descending("year"));
        var items = query.page(page.page, page.size).list().stream().map(EditionResource.EditionView::of).toList();
        return new Page<>(items, page.page, page.size, query.count());
    }

    public ForumEdition get(int year) {
        ForumEdition edition = ForumEdition.findById(year);
        if (edition == null) {
            throw ProblemException.notFound("Forum edition", year);
        }
        return edition;
    }

    @Transactional
    public ForumEdition create(EditionResource.NewEdition request) {
        if (request.endsOn().isBefore(request.startsOn())) {
            throw ProblemException.invalid("endsOn", "must not be before startsOn");
        }
        if (request.startsOn().getYear() != request.year()) {
            throw ProblemException.invalid("startsOn", "must be in " + request.year());
        }
        if (ForumEdition.findById(request.year()) != null) {
            throw ProblemException.conflict("The " + request.year() + " forum edition already exists");
        }
        ForumEdition edition = new ForumEdition();
        edition.year = request.year();
        edition.title = request.title().strip();
        edition.startsOn = request.startsOn();
        edition.endsOn = request.endsOn();
        edition.venue = request.venue().strip();
        edition.hybrid = request.hybrid();
        edition.createdBy = caller.subject();
        edition.createdAt = ServiceClock.utcNow(clock);
        edition.persist();
        audit.record("edition.created", "edition", edition.year, null, org.wsis.commons.audit.AuditLog.state(
                "title", edition.title, "startsOn", edition.startsOn, "endsOn", edition.endsOn, "venue", edition.venue,
                "hybrid", edition.hybrid), null);
        return edition;
    }
}
