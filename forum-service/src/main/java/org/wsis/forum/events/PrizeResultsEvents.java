package org.wsis.forum.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.forum.ForumConfig;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.wsis.commons.events.EventInbox;
import org.wsis.commons.events.EventSubscription;
import org.wsis.commons.events.IncomingEventData;
import org.wsis.forum.edition.ForumEdition;
import org.wsis.forum.session.ForumSession;
import org.wsis.forum.session.SessionDtos;
import org.wsis.forum.session.SessionKind;
import org.wsis.forum.session.SessionService;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Consumes the prizes' results (prizes.results) and puts the prize ceremony on that edition's
 * agenda: on the edition's first day at a configured UTC time, its description naming the winners.
 * Idempotent through commons' {@link EventInbox}, and a later results event of the
 * same edition updates the ceremony's description instead of adding a second ceremony. Results
 * for an edition the forum does not have (yet) are logged and skipped: there is no date to use.
 */
@ApplicationScoped
public class PrizeResultsEvents {
    static final String CONSUMER = "forum.prize-ceremony";
    static final String RESULTS_PUBLISHED_V1 = "org.wsis.prizes.results.published.v1";
    static final String SYSTEM_ACTOR = "system:prizes.results";
    private static final Logger LOG = Logger.getLogger(PrizeResultsEvents.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(String category, UUID entryId, String title, String organisation, String outcome) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResultsPublished(Integer edition, OffsetDateTime publishedAt, List<Result> results) implements IncomingEventData {
        @Override
        public void requireComplete() {
            if (edition == null || results == null) {
                throw new IllegalArgumentException("prize results event lacks edition or results: " + this);
            }
        }
    }

    private final EventInbox inbox;
    private final EventSubscription subscription = EventSubscription.of(CONSUMER, "prizes.results")
            .on(RESULTS_PUBLISHED_V1, ResultsPublished.class, this::scheduleCeremony);
    private final SessionService sessions;
    private final LocalTime ceremonyStartsUtc;
    private final int ceremonyMinutes;
    private final int ceremonyCapacity;

    public PrizeResultsEvents(EventInbox inbox, SessionService sessions, ForumConfig config) {
        this.inbox = inbox;
        this.sessions = sessions;
        this.ceremonyStartsUtc = config.prizeCeremony().startsUtc();
        this.ceremonyMinutes = config.prizeCeremony().minutes();
        this.ceremonyCapacity = config.prizeCeremony().capacity();
    }

    @Incoming("prizes-results")
    @Blocking
    public void onEvent(String value) {
        inbox.receive(value, subscription);
    }

    private void scheduleCeremony(ResultsPublished data) {
        ForumEdition edition = ForumEdition.findById(data.edition());
        if (edition == null) {
            LOG.warnf("Prize results of %d received, but the forum has no %d edition: no ceremony scheduled", data.edition(), data.edition());
            return;
        }
        String description = describe(data);
        ForumSession ceremony = sessions.prizeCeremony(edition.year);
        if (ceremony != null) {
            ceremony.description = description; // results re-published: keep one ceremony, refresh the winners
            return;
        }
        OffsetDateTime startsAt = edition.startsOn.atTime(ceremonyStartsUtc).atOffset(ZoneOffset.UTC);
        sessions.schedule(edition.year, new SessionDtos.NewSession(SessionKind.PRIZE_CEREMONY,
                "WSIS Prizes " + edition.year + " ceremony", description, "High-level track", List.of(),
                edition.venue, null, startsAt, startsAt.plusMinutes(ceremonyMinutes), List.of(), ceremonyCapacity, "en"),
                null, SYSTEM_ACTOR);
    }

    private static String describe(ResultsPublished data) {
        String winners = data.results().stream()
                .filter(r -> "WINNER".equals(r.outcome()))
                .map(r -> r.category() + ": " + r.title() + " (" + r.organisation() + ")")
                .collect(Collectors.joining("; "));
        long champions = data.results().stream().filter(r -> "CHAMPION".equals(r.outcome())).count();
        return "Announcement of the WSIS Prizes " + data.edition() + " winners and " + champions + " champions."
                + (winners.isEmpty() ? "" : " Winners: " + winners + ".");
    }
}
