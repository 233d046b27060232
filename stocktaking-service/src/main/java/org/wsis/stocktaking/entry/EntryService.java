package org.wsis.stocktaking.entry;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.wsis.commons.events.Outbox;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.security.Roles;
import org.wsis.stocktaking.events.EntryEvents;
import org.wsis.stocktaking.reference.ActionLine;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Entry use cases; each public method is one transaction, and events go out through the outbox. */
@ApplicationScoped
public class EntryService {
    private final CurrentUser caller;
    private final Outbox outbox;

    public EntryService(CurrentUser caller, Outbox outbox) {
        this.caller = caller;
        this.outbox = outbox;
    }

    @Transactional
    public Entry create(EntryDtos.NewEntry request) {
        requireKnownActionLines(request.actionLines());
        OffsetDateTime now = now();
        Entry entry = new Entry();
        entry.id = UUID.randomUUID();
        entry.ownerId = caller.subject();
        entry.title = request.title().strip();
        entry.description = request.description().strip();
        entry.organisation = request.organisation().strip();
        entry.actionLines = request.actionLines().stream().distinct().toList();
        entry.status = EntryStatus.DRAFT;
        entry.createdAt = now;
        entry.updatedAt = now;
        entry.persist();
        return entry;
    }

    /** Published entries are public; drafts are visible to their owner and to moderators only. */
    public Entry get(UUID id) {
        Entry entry = Entry.findById(id);
        if (entry == null || !(entry.status == EntryStatus.PUBLISHED || canSeeUnpublished(entry))) {
            throw ProblemException.notFound("Entry", id);
        }
        return entry;
    }

    public org.wsis.commons.paging.Page<Entry> listPublished(PageParams page) {
        var query = Entry.<Entry>find("status", Sort.descending("publishedAt").and("id"), EntryStatus.PUBLISHED);
        List<Entry> items = query.page(Page.of(page.page, page.size)).list();
        return new org.wsis.commons.paging.Page<>(items, page.page, page.size, query.count());
    }

    /** The owner hands a draft (or a returned entry) to the moderators. */
    @Transactional
    public Entry submit(UUID id) {
        Entry entry = get(id);
        if (!entry.isOwnedBy(caller.subject())) {
            throw ProblemException.forbidden("Only the owner of entry " + id + " can submit it");
        }
        requireStatus(entry, EntryStatus.DRAFT, EntryStatus.RETURNED);
        entry.status = EntryStatus.SUBMITTED;
        entry.updatedAt = now();
        return entry;
    }

    /** A moderator publishes a submitted entry; prizes and others learn of it from the event. */
    @Transactional
    public Entry publish(UUID id) {
        Entry entry = get(id);
        requireStatus(entry, EntryStatus.SUBMITTED);
        entry.status = EntryStatus.PUBLISHED;
        entry.publishedAt = now();
        entry.updatedAt = entry.publishedAt;
        outbox.publish(EntryEvents.TOPIC, entry.id.toString(), EntryEvents.PUBLISHED_V1,
                new EntryEvents.EntryPublishedV1(entry.id, entry.ownerId, entry.title, entry.organisation,
                        entry.actionLines, entry.publishedAt));
        return entry;
    }

    private boolean canSeeUnpublished(Entry entry) {
        return !caller.isAnonymous() && (entry.isOwnedBy(caller.subject()) || caller.hasRole(Roles.STOCKTAKING_MODERATOR));
    }

    private static void requireStatus(Entry entry, EntryStatus... allowed) {
        if (!List.of(allowed).contains(entry.status)) {
            throw ProblemException.conflict("Entry " + entry.id + " is " + entry.status + "; this needs " + List.of(allowed));
        }
    }

    private static void requireKnownActionLines(List<String> codes) {
        for (int i = 0; i < codes.size(); i++) {
            if (ActionLine.findById(codes.get(i)) == null) {
                throw ProblemException.invalid("actionLines[" + i + "]", "unknown action line " + codes.get(i));
            }
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
