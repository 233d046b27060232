package org.wsis.indicators.feed;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.indicators.observation.ObservationStore;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Incremental sync for member agencies: every published vintage in publish order after a cursor.
 * Start with after=0, store nextCursor, ask again with it. Rejected batches never appear.
 */
// Public reads: open to anyone, said explicitly (services deny endpoints without a security annotation)
@PermitAll
@Path("/api/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Change feed")
public class ChangeFeedResource {

    /**
     * One published vintage, exactly as it was published: an entry never changes once handed out.
     * (supersededAt is deliberately absent: it would change when a later revision arrives. A revision
     * is a later entry for the same key whose {@code supersedes} names this entry's cursor.)
     */
    public record FeedObservation(String indicator, String economy, String sex, String age, String urbanisation,
                                  int period, Double value, String status, String note, String provider, UUID batchId,
                                  OffsetDateTime publishedAt) {
        static FeedObservation of(ObservationStore.Row r) {
            return new FeedObservation(r.indicator(), r.economy(), r.sex(), r.age(), r.urbanisation(), r.period(), r.value(),
                    r.status(), r.note(), r.provider(), r.batchId(), r.publishedAt());
        }
    }

    /** {@code supersedes}: the cursor of the vintage this one replaced, null for the key's first value. */
    public record Change(long cursor, Long supersedes, FeedObservation observation) {
    }

    public record ChangePage(List<Change> changes, long nextCursor, boolean hasMore) {
    }

    private final ObservationStore store;

    public ChangeFeedResource(ObservationStore store) {
        this.store = store;
    }

    @GET
    @Operation(operationId = "listIndicatorChanges", summary = "Published changes after a cursor (new observations and revisions), oldest first",
            description = "Cursors grow in commit order (ids are taken under the exclusive publish lock), so storing nextCursor "
                    + "and asking again never skips a vintage. Entries are immutable; supersedes names the replaced vintage.")
    @APIResponse(responseCode = "200", description = "A page of changes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangePage.class)))
    @APIResponse(responseCode = "400", description = "after or limit out of range")
    public ChangePage changes(@QueryParam("after") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") long after,
                              @QueryParam("limit") @DefaultValue("1000") @Min(value = 1, message = "must be at least 1")
                              @Max(value = 10000, message = "must be at most 10000") int limit) {
        List<ObservationStore.Change> rows = store.changesAfter(after, limit + 1);
        boolean hasMore = rows.size() > limit;
        List<Change> changes = rows.stream().limit(limit)
                .map(c -> new Change(c.row().id(), c.supersedes(), FeedObservation.of(c.row()))).toList();
        long next = changes.isEmpty() ? after : changes.get(changes.size() - 1).cursor();
        return new ChangePage(changes, next, hasMore);
    }
}
