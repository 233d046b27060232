package org.wsis.indicators.feed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.indicators.observation.ObservationResource.ObservationView;
import org.wsis.indicators.observation.ObservationStore;

import java.util.List;

/**
 * Incremental sync for member agencies: every published vintage in publish order after a cursor.
 * Start with after=0, store nextCursor, ask again with it. Rejected batches never appear.
 */
@Path("/api/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Change feed")
public class ChangeFeedResource {

    public record Change(long cursor, ObservationView observation) {
    }

    public record ChangePage(List<Change> changes, long nextCursor, boolean hasMore) {
    }

    private final ObservationStore store;

    public ChangeFeedResource(ObservationStore store) {
        this.store = store;
    }

    @GET
    @Operation(operationId = "listIndicatorChanges", summary = "Published changes after a cursor (new observations and revisions), oldest first")
    public ChangePage changes(@QueryParam("after") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") long after,
                              @QueryParam("limit") @DefaultValue("1000") @Min(value = 1, message = "must be at least 1")
                              @Max(value = 10000, message = "must be at most 10000") int limit) {
        List<ObservationStore.Row> rows = store.changesAfter(after, limit + 1);
        boolean hasMore = rows.size() > limit;
        List<Change> changes = rows.stream().limit(limit).map(r -> new Change(r.id(), ObservationView.of(r))).toList();
        long next = changes.isEmpty() ? after : changes.get(changes.size() - 1).cursor();
        return new ChangePage(changes, next, hasMore);
    }
}
