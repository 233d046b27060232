package org.wsis.prizes.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.wsis.prizes.edition.Edition;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.edition.Phase;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * What a stocktaking entry's later life means for its submissions (called by the entry-events consumer,
 * inside its transaction, once per event).
 */
@ApplicationScoped
public class EntrySubmissions {
    private static final Logger LOG = Logger.getLogger(EntrySubmissions.class);
    private final EditionService editions;
    private final Clock clock;

    public EntrySubmissions(EditionService editions, Clock clock) {
        this.editions = editions;
        this.clock = clock;
    }

    /**
     * An edit published in stocktaking: the live submissions of editions whose results are not yet
     * published follow the entry's title and organisation (so reviewers, the conflict-of-interest rule and
     * voters see today's facts). Published results keep the names they were announced with.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void entryUpdated(UUID entryId, String title, String organisation) {
        for (Submission s : live(entryId)) {
            Edition edition = editions.get(s.editionYear);
            if (edition.resultsPublishedAt == null && (!title.equals(s.title) || !organisation.equals(s.organisation))) {
                s.title = title;
                s.organisation = organisation;
                s.updatedAt = now();
            }
        }
    }

    /**
     * The entry was archived in stocktaking (no longer public): its live submissions are withdrawn, as
     * their owner could withdraw them, until voting opens. From then on the nominee list is fixed; such a
     * nominee stays (logged) and the prize administrators decide.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void entryWithdrawn(UUID entryId) {
        for (Submission s : live(entryId)) {
            Phase phase = editions.phaseNow(editions.get(s.editionYear));
            if (phase.compareTo(Phase.VOTING) < 0) {
                s.status = SubmissionStatus.WITHDRAWN;
                s.updatedAt = now();
            } else {
                LOG.warnf("Entry %s was withdrawn from stocktaking while its submission %s is a nominee of edition %d in phase %s; "
                        + "the nominee list is fixed once voting opens, so it stays", entryId, s.id, s.editionYear, phase);
            }
        }
    }

    private static List<Submission> live(UUID entryId) {
        return Submission.list("entryId = ?1 and status <> ?2", entryId, SubmissionStatus.WITHDRAWN);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
