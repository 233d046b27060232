package org.wsis.stocktaking.entry;

import java.time.Clock;
import org.wsis.commons.time.ServiceClock;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.wsis.commons.http.Preconditions;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.privacy.Consents;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.stocktaking.StocktakingRoles;
import org.wsis.stocktaking.entry.EntryRevisions.Action;
import org.wsis.stocktaking.reference.ReferenceData;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.wsis.commons.reference.Countries;
import org.wsis.commons.i18n.NewTranslation;
import org.wsis.commons.i18n.StoredTranslation;
import org.wsis.commons.i18n.Translations;

/** Entry use cases of owners; each public method is one transaction. Moderation is in moderation/. */
@ApplicationScoped
public class EntryService {
    private final CurrentUser caller;
    private final ReferenceData reference;
    private final EntryRevisions revisions;
    private final Clock clock;
    private final Consents consents;
    /** What an owner agrees to when naming a contact person (the consent record's purpose). */
    public static final String CONTACT_CONSENT = "stocktaking.entry-contact";

    public EntryService(CurrentUser caller, ReferenceData reference, EntryRevisions revisions, Clock clock, Consents consents) {
        this.consents = consents;
        this.clock = clock;
        this.caller = caller;
        this.reference = reference;
        this.revisions = revisions;
    }

    @Transactional
    public Entry create(EntryDtos.NewEntry request) {
        validate(request);
        OffsetDateTime now = now();
        Entry entry = new Entry();
        entry.id = UUID.randomUUID();
        entry.ownerId = caller.subject();
        apply(request, entry);
        entry.status = EntryStatus.DRAFT;
        entry.createdAt = now;
        entry.updatedAt = now;
        entry.persist();
        revisions.record(entry, Action.CREATED, entry.ownerId, null);
        recordContactConsent(request);
        return entry;
    }

    /**
     * The owner replaces the content of their entry. A draft or returned entry changes in place; a
     * published one keeps its public content and the edit waits for a moderator (moderation/).
     * {@code ifMatch} must carry the entry's current ETag (428 without, 412 when stale).
     */
    /** The caller's entry as an edit finds it (404, 403 not the owner, 428/412 If-Match): what PUT and PATCH start from. */
    public Entry editable(UUID id, String ifMatch) {
        Entry entry = get(id);
        requireOwner(entry, "edit");
        Preconditions.requireIfMatch(ifMatch, Preconditions.etag(entry.id, entry.version));
        return entry;
    }

    @Transactional
    public Entry update(UUID id, String ifMatch, EntryDtos.NewEntry request) {
        Entry entry = editable(id, ifMatch);
        validate(request);
        if (entry.ownerId.equals(caller.subject())) {
            recordContactConsent(request);
        }
        switch (entry.status) {
            case DRAFT, RETURNED -> {
                apply(request, entry);
                entry.updatedAt = now();
                revisions.record(entry, Action.UPDATED, caller.subject(), null);
            }
            case PUBLISHED -> {
                Entry proposed = new Entry();
                apply(request, proposed);
                entry.pendingRevision = revisions.record(entry, EntryDtos.NewEntry.of(proposed), Action.CHANGE_PROPOSED,
                        caller.subject(), null);
                entry.updatedAt = now();
            }
            default -> throw ProblemException.conflict("Entry " + id + " is " + entry.status + " and cannot be edited now");
        }
        flushOrPreconditionFailed(entry);
        return entry;
    }

    /** An owner who gives contact details agrees to their processing (service-commons privacy/Consents). */
    private void recordContactConsent(EntryDtos.NewEntry request) {
        if (request.contactName() != null || request.contactEmail() != null) {
            consents.record(caller.subject(), CONTACT_CONSENT);
        }
    }

    /**
     * Two writers holding the same ETag both pass If-Match; the version column lets only the first
     * commit. Flushing here turns the loser's failure into a 412 rather than an error at commit.
     */
    private static void flushOrPreconditionFailed(Entry entry) {
        try {
            Entry.getEntityManager().flush();
        } catch (jakarta.persistence.OptimisticLockException e) {
            throw ProblemException.preconditionFailed("Entry " + entry.id + " was changed by someone else meanwhile; read it again");
        }
    }

    /** Published entries are public; other states are visible to their owner and to moderators only. */
    public Entry get(UUID id) {
        Entry entry = Entry.findById(id);
        if (entry == null || !(entry.status == EntryStatus.PUBLISHED || canSeeUnpublished(entry))) {
            throw ProblemException.notFound("Entry", id);
        }
        return entry;
    }

    public List<EntryDtos.RevisionView> history(UUID id) {
        Entry entry = get(id);
        if (!canSeeUnpublished(entry)) {
            throw ProblemException.forbidden("Only the owner and moderators see the revisions of entry " + id);
        }
        return revisions.history(id);
    }

    public org.wsis.commons.paging.Page<Entry> listPublished(PageParams page) {
        var query = Entry.<Entry>find("status", Sort.descending("publishedAt").and("id"), EntryStatus.PUBLISHED);
        List<Entry> items = query.page(Page.of(page.page, page.size)).list();
        return new org.wsis.commons.paging.Page<>(items, page.page, page.size, query.count());
    }

    /** The caller's own entries in every state. */
    public org.wsis.commons.paging.Page<Entry> listMine(PageParams page) {
        var query = Entry.<Entry>find("ownerId", Sort.descending("updatedAt").and("id"), caller.subject());
        List<Entry> items = query.page(Page.of(page.page, page.size)).list();
        return new org.wsis.commons.paging.Page<>(items, page.page, page.size, query.count());
    }

    /** The owner hands a draft (or a returned entry) to the moderators. */
    @Transactional
    public Entry submit(UUID id) {
        Entry entry = get(id);
        requireOwner(entry, "submit");
        requireStatus(entry, EntryStatus.DRAFT, EntryStatus.RETURNED);
        entry.status = EntryStatus.SUBMITTED;
        entry.updatedAt = now();
        revisions.record(entry, Action.SUBMITTED, caller.subject(), null);
        return entry;
    }

    /** Checks every code against the reference data; 422 naming the first bad field. */
    public void validate(EntryDtos.NewEntry request) {
        requireKnown("actionLines", request.actionLines(), reference.actionLines());
        if (request.stakeholderType() != null && !reference.stakeholderTypes().containsKey(request.stakeholderType())) {
            throw ProblemException.invalid("stakeholderType", "unknown stakeholder type " + request.stakeholderType()
                    + "; one of " + reference.stakeholderTypes().keySet());
        }
        Countries.requireAlpha3("countries", request.countries());
        requireKnown("regions", request.regions(), reference.regions().keySet());
        requireKnown("sdgTargets", request.sdgTargets(), reference.sdgTargets().keySet());
        requireKnown("targetGroups", request.targetGroups(), reference.targetGroups().keySet());
        if (request.startDate() != null && request.endDate() != null && request.endDate().isBefore(request.startDate())) {
            throw ProblemException.invalid("endDate", "must not be before startDate " + request.startDate());
        }
    }

    /** Copies validated content onto an entry, deriving SDGs from targets and regions from countries. */
    public void apply(EntryDtos.NewEntry request, Entry entry) {
        entry.title = request.title().strip();
        entry.description = request.description().strip();
        entry.organisation = request.organisation().strip();
        entry.actionLines = request.actionLines().stream().distinct().toList();
        entry.contactName = request.contactName();
        entry.contactEmail = request.contactEmail();
        entry.publicContact = Boolean.TRUE.equals(request.publicContact());
        entry.stakeholderType = request.stakeholderType();
        // stored as ISO 3166-1 alpha-3, whichever form (alpha-2, M49) the client sent
        entry.countries = Countries.requireAlpha3("countries", request.countries());
        Set<String> regions = new LinkedHashSet<>(request.regions());
        entry.countries.stream().map(c -> Countries.find(c).orElseThrow().ituRegion())
                .filter(java.util.Objects::nonNull).map(Enum::name).forEach(regions::add);
        entry.regions = List.copyOf(regions);
        entry.sdgTargets = request.sdgTargets().stream().distinct().toList();
        entry.sdgs = entry.sdgTargets.stream().map(t -> reference.sdgTargets().get(t).sdg()).distinct().sorted().toList();
        entry.targetGroups = request.targetGroups().stream().distinct().toList();
        entry.startDate = request.startDate();
        entry.endDate = request.endDate();
        entry.projectStatus = request.projectStatus();
        entry.links = request.links();
        entry.partners = request.partners().stream().map(String::strip).toList();
        entry.language = request.language();
        // a text in the original language is the entry itself, never also one of its translations
        if (entry.translations.containsKey(entry.language)) {
            entry.translations = Translations.without(entry.translations, entry.language);
        }
        if (entry.pendingTranslations.containsKey(entry.language)) {
            entry.pendingTranslations = Translations.without(entry.pendingTranslations, entry.language);
        }
    }

    /**
     * The owner gives (or replaces) the translation of title and description into {@code language}, If-Match as
     * for an edit. Draft or returned: it is part of the entry and is published with it. Published: it waits for
     * a moderator, as an edit does, and the public keeps seeing the approved text (moderation/).
     */
    @Transactional
    public Entry translate(UUID id, String ifMatch, String language, NewTranslation request) {
        Entry entry = editable(id, ifMatch);
        if (language.equals(entry.language)) {
            throw ProblemException.invalid("language", "the entry is written in " + language
                    + ": its text in its original language is replaced with PUT /entries/" + id);
        }
        if (request.description() == null || request.description().isBlank()) {
            throw ProblemException.malformed("description", "must not be blank: an entry's translation carries its description");
        }
        StoredTranslation translation = StoredTranslation.of(request, caller.subject(), now());
        switch (entry.status) {
            case DRAFT, RETURNED -> {
                entry.translations = Translations.with(entry.translations, language, translation);
                entry.updatedAt = now();
                revisions.record(entry, Action.TRANSLATED, caller.subject(), "translation " + language + " (" + request.origin() + ")");
            }
            case PUBLISHED -> {
                entry.pendingTranslations = Translations.with(entry.pendingTranslations, language, translation);
                entry.updatedAt = now();
                revisions.record(entry, Action.TRANSLATION_PROPOSED, caller.subject(), "translation " + language + " (" + request.origin() + ")");
            }
            default -> throw ProblemException.conflict("Entry " + id + " is " + entry.status + " and cannot be translated now");
        }
        flushOrPreconditionFailed(entry);
        return entry;
    }

    private void requireOwner(Entry entry, String what) {
        if (!entry.isOwnedBy(caller.subject())) {
            throw ProblemException.forbidden("Only the owner of entry " + entry.id + " can " + what + " it");
        }
    }

    /** The owner and moderators see an entry whole; everyone else its public view (EntryView.publicOf). */
    public boolean seesWhole(Entry entry) {
        return canSeeUnpublished(entry);
    }

    private boolean canSeeUnpublished(Entry entry) {
        return !caller.isAnonymous() && (entry.isOwnedBy(caller.subject()) || caller.hasRole(StocktakingRoles.MODERATOR));
    }

    public static void requireStatus(Entry entry, EntryStatus... allowed) {
        if (!List.of(allowed).contains(entry.status)) {
            throw ProblemException.conflict("Entry " + entry.id + " is " + entry.status + "; this needs " + List.of(allowed));
        }
    }

    private static void requireKnown(String field, List<String> codes, Set<String> known) {
        for (int i = 0; i < codes.size(); i++) {
            if (!known.contains(codes.get(i))) {
                throw ProblemException.invalid(field + "[" + i + "]", "unknown code " + codes.get(i));
            }
        }
    }

    /** The service clock's time, to the microsecond PostgreSQL keeps (a write returns what a later read returns). */
    public OffsetDateTime now() {
        return ServiceClock.utcNow(clock);
    }
}
