package org.wsis.stocktaking.moderation;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.wsis.commons.audit.AuditLog;
import org.wsis.commons.i18n.StoredTranslation;
import org.wsis.commons.i18n.Translations;
import org.wsis.commons.events.Outbox;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.stocktaking.entry.Entry;
import org.wsis.stocktaking.entry.EntryRevisions;
import org.wsis.stocktaking.entry.EntryRevisions.Action;
import org.wsis.stocktaking.entry.EntryService;
import org.wsis.stocktaking.entry.EntryStatus;
import org.wsis.stocktaking.events.EntryEvents;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What moderators (ITU staff) do: publish submitted entries and edits of published ones, return
 * them with comments, archive (withdraw) published entries, mark success stories. Every change is
 * a revision; every change the public sees is an event, committed with it through the outbox.
 * Callers check the moderator role (resources use @RolesAllowed). Every decision is recorded in the audit log
 * (service-commons {@code AuditLog}) in its own transaction; its before/after is the entry's moderation state
 * ({@link #moderationState}), never its content or contact details.
 */
@ApplicationScoped
public class ModerationService {
    private final CurrentUser caller;
    private final Outbox outbox;
    private final EntryRevisions revisions;
    private final EntryService entries;
    private final AuditLog audit;

    public ModerationService(CurrentUser caller, Outbox outbox, EntryRevisions revisions, EntryService entries, AuditLog audit) {
        this.caller = caller;
        this.outbox = outbox;
        this.revisions = revisions;
        this.entries = entries;
        this.audit = audit;
    }

    /** What a moderation decision changes, as the audit log records it before and after. */
    static Map<String, Object> moderationState(Entry entry) {
        return AuditLog.state("status", entry.status, "pendingRevision", entry.pendingRevision,
                "successStory", entry.successStory);
    }

    /** Entries waiting for a moderator: submitted ones and published ones with an edit pending, oldest first. */
    public org.wsis.commons.paging.Page<Entry> queue(PageParams page) {
        var query = Entry.<Entry>find("status = ?1 or (status = ?2 and (pendingRevision is not null or translationsPending = true))",
                Sort.ascending("updatedAt").and("id"), EntryStatus.SUBMITTED, EntryStatus.PUBLISHED);
        List<Entry> items = query.page(Page.of(page.page, page.size)).list();
        return new org.wsis.commons.paging.Page<>(items, page.page, page.size, query.count());
    }

    /** Publishes a submitted entry, or the pending edit of a published one. */
    @Transactional
    public Entry publish(UUID id) {
        Entry entry = entries.get(id);
        requireSomeoneElses(entry, "publish");
        Map<String, Object> before = moderationState(entry);
        if (entry.status == EntryStatus.PUBLISHED && entry.pendingRevision != null) {
            entries.apply(revisions.content(entry.id, entry.pendingRevision), entry);
            entry.pendingRevision = null;
            entry.returnComment = null;
            entry.updatedAt = entries.now();
            revisions.record(entry, Action.CHANGE_PUBLISHED, caller.subject(), null);
            outbox.publish(EntryEvents.TOPIC, entry.id.toString(), EntryEvents.UPDATED_V2, EntryEvents.EntryUpdatedV2.of(entry));
            audit.record("entry.change-published", "entry", entry.id, before, moderationState(entry), null);
            return entry;
        }
        EntryService.requireStatus(entry, EntryStatus.SUBMITTED);
        entry.status = EntryStatus.PUBLISHED;
        entry.publishedAt = entries.now();
        entry.updatedAt = entry.publishedAt;
        entry.returnComment = null;
        if (entry.stocktakingYear == null) {
            entry.stocktakingYear = entry.publishedAt.getYear();
        }
        revisions.record(entry, Action.PUBLISHED, caller.subject(), null);
        outbox.publish(EntryEvents.TOPIC, entry.id.toString(), EntryEvents.PUBLISHED_V2, EntryEvents.EntryPublishedV2.of(entry));
        audit.record("entry.published", "entry", entry.id, before, moderationState(entry), null);
        return entry;
    }

    /** What a translation decision changes: which languages are approved and which wait (never their text). */
    static Map<String, Object> translationState(Entry entry) {
        return AuditLog.state("translations", List.copyOf(entry.translations.keySet()),
                "pendingTranslations", List.copyOf(entry.pendingTranslations.keySet()));
    }

    /**
     * Approves the pending translation of a published entry into {@code language}: the public reads it and search
     * finds the entry by it from now on. Four eyes as for an edit. No entry event: the events carry the original
     * text and language, which did not change.
     */
    @Transactional
    public Entry publishTranslation(UUID id, String language) {
        Entry entry = entries.get(id);
        requireSomeoneElses(entry, "publish its translation");
        StoredTranslation pending = pendingTranslation(entry, language);
        Map<String, Object> before = translationState(entry);
        entry.translations = Translations.with(entry.translations, language, pending);
        entry.pendingTranslations = Translations.without(entry.pendingTranslations, language);
        entry.updatedAt = entries.now();
        revisions.record(entry, Action.TRANSLATION_PUBLISHED, caller.subject(), "translation " + language);
        audit.record("entry.translation-published", "entry", entry.id, before, translationState(entry), language);
        return entry;
    }

    /** Turns down the pending translation into {@code language}, with the reason the owner reads. */
    @Transactional
    public Entry returnTranslation(UUID id, String language, String comment) {
        Entry entry = entries.get(id);
        requireSomeoneElses(entry, "return its translation");
        pendingTranslation(entry, language);
        Map<String, Object> before = translationState(entry);
        entry.pendingTranslations = Translations.without(entry.pendingTranslations, language);
        entry.returnComment = comment.strip();
        entry.updatedAt = entries.now();
        revisions.record(entry, Action.TRANSLATION_RETURNED, caller.subject(), "translation " + language + ": " + entry.returnComment);
        audit.record("entry.translation-returned", "entry", entry.id, before, translationState(entry), entry.returnComment);
        return entry;
    }

    private static StoredTranslation pendingTranslation(Entry entry, String language) {
        StoredTranslation pending = entry.pendingTranslations.get(language);
        if (pending == null) {
            throw ProblemException.conflict("Entry " + entry.id + " has no translation into " + language + " awaiting moderation");
        }
        return pending;
    }

    /** Returns a submitted entry to its owner for changes, or turns down the pending edit of a published one. */
    @Transactional
    public Entry returnForChanges(UUID id, String comment) {
        Entry entry = entries.get(id);
        requireSomeoneElses(entry, "return");
        Map<String, Object> before = moderationState(entry);
        entry.returnComment = comment.strip();
        entry.updatedAt = entries.now();
        if (entry.status == EntryStatus.PUBLISHED && entry.pendingRevision != null) {
            entry.pendingRevision = null;
            revisions.record(entry, Action.CHANGE_RETURNED, caller.subject(), entry.returnComment);
            audit.record("entry.change-returned", "entry", entry.id, before, moderationState(entry), entry.returnComment);
            return entry;
        }
        EntryService.requireStatus(entry, EntryStatus.SUBMITTED);
        entry.status = EntryStatus.RETURNED;
        revisions.record(entry, Action.RETURNED, caller.subject(), entry.returnComment);
        audit.record("entry.returned", "entry", entry.id, before, moderationState(entry), entry.returnComment);
        return entry;
    }

    /**
     * Four eyes: an entry, or a change to it, goes public only when a moderator other than its owner
     * accepts it, and only another moderator marks it as a success story. Moderators keep entries too
     * (ITU staff documenting ITU projects). Archiving and unmarking are not covered: taking something
     * away from the public needs no second opinion.
     */
    private void requireSomeoneElses(Entry entry, String action) {
        if (entry.ownerId.equals(caller.subject())) {
            throw ProblemException.forbidden("Entry " + entry.id + " is your own: another moderator must " + action + " it");
        }
    }

    /** Archives an entry; a published one is withdrawn from the public (event withdrawn.v1). */
    @Transactional
    public Entry archive(UUID id, String comment) {
        Entry entry = entries.get(id);
        if (entry.status == EntryStatus.ARCHIVED) {
            throw ProblemException.conflict("Entry " + id + " is already archived");
        }
        boolean wasPublic = entry.status == EntryStatus.PUBLISHED;
        Map<String, Object> before = moderationState(entry);
        entry.status = EntryStatus.ARCHIVED;
        entry.pendingRevision = null;
        entry.updatedAt = entries.now();
        revisions.record(entry, Action.ARCHIVED, caller.subject(), comment);
        if (wasPublic) {
            outbox.publish(EntryEvents.TOPIC, entry.id.toString(), EntryEvents.WITHDRAWN_V1,
                    new EntryEvents.EntryWithdrawnV1(entry.id, entry.updatedAt));
        }
        audit.record("entry.archived", "entry", entry.id, before, moderationState(entry), comment);
        return entry;
    }

    /**
     * Brings an archived entry back to its owner as RETURNED, with the moderator's reason as the comment
     * they read. Restoring is not republishing: the owner resubmits and another moderator publishes, so
     * what the public sees again passed moderation again (and consumers only ever see published events).
     */
    @Transactional
    public Entry restore(UUID id, String comment) {
        Entry entry = entries.get(id);
        EntryService.requireStatus(entry, EntryStatus.ARCHIVED);
        Map<String, Object> before = moderationState(entry);
        entry.status = EntryStatus.RETURNED;
        entry.returnComment = comment.strip();
        entry.updatedAt = entries.now();
        revisions.record(entry, Action.RESTORED, caller.subject(), entry.returnComment);
        // no entry event: a RETURNED entry is not public (as for a return); the audit event announces the restore
        audit.record("entry.restored", "entry", entry.id, before, moderationState(entry), entry.returnComment);
        return entry;
    }

    /** Adds a moderator's internal note to an entry (any state); never shown to its owner. */
    @Transactional
    public ModeratorNote addNote(UUID entryId, String text) {
        Entry entry = entries.get(entryId);
        ModeratorNote note = new ModeratorNote();
        note.id = UUID.randomUUID();
        note.entryId = entry.id;
        note.authorId = caller.subject();
        note.text = text.strip();
        note.createdAt = entries.now();
        note.persist();
        // the note's text stays with moderators: the audit log says that one was added, and which
        audit.record("entry.note-added", "entry", entry.id, null, AuditLog.state("noteId", note.id), null);
        return note;
    }

    /** The internal notes of an entry, oldest first. */
    public List<ModeratorNote> notes(UUID entryId) {
        Entry entry = entries.get(entryId);
        return ModeratorNote.list("entryId", Sort.ascending("createdAt").and("id"), entry.id);
    }

    /** Marks (or unmarks) a published entry as a success story of its stocktaking year. */
    @Transactional
    public Entry markSuccessStory(UUID id, boolean successStory) {
        Entry entry = entries.get(id);
        if (successStory) {
            // showcasing an entry is a public judgement like publishing it: not on one's own
            requireSomeoneElses(entry, "mark as a success story");
        }
        EntryService.requireStatus(entry, EntryStatus.PUBLISHED);
        Map<String, Object> before = moderationState(entry);
        if (entry.successStory != successStory) {
            entry.successStory = successStory;
            entry.updatedAt = entries.now();
            revisions.record(entry, successStory ? Action.SUCCESS_STORY_MARKED : Action.SUCCESS_STORY_UNMARKED,
                    caller.subject(), null);
        }
        audit.record(successStory ? "entry.success-story-marked" : "entry.success-story-unmarked", "entry", entry.id,
                before, moderationState(entry), null);
        return entry;
    }
}
