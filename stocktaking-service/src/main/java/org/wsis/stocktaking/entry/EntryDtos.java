package org.wsis.stocktaking.entry;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.i18n.UnLanguage;
import org.wsis.commons.i18n.Translation;
import org.wsis.commons.i18n.Translations;
import org.wsis.commons.text.PlainText;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What clients send and receive; the entity never leaves the service. */
public final class EntryDtos {
    private EntryDtos() {
    }

    /**
     * The content of an entry, sent to create a draft (POST) and to replace it (PUT). Owner and
     * status are not accepted from the client: they come from the token and the workflow. Codes are
     * those of /api/v1/reference/...; unknown codes are 422 naming the field.
     */
    public record NewEntry(
            @NotBlank @Size(max = 300) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String title,
            @NotBlank @Size(max = 20_000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String description,
            @NotBlank @Size(max = 300) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String organisation,
            @NotEmpty @Size(max = 19) List<@NotBlank @Pattern(regexp = "C\\d{1,2}(\\.[A-Z-]+)?", message = "must be an action line code such as C3 or C7.E-HEALTH") String> actionLines,
            @Schema(nullable = true) @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String contactName,
            @Schema(nullable = true) @Email @Size(max = 320) String contactEmail,
            @Schema(nullable = true) @Size(max = 40) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String stakeholderType,
            @Size(max = 250) @Schema(description = "ISO 3166-1 alpha-3 (KEN, stored and returned), alpha-2 (KE) or UN M49 (404)") List<@NotBlank @Pattern(regexp = "[A-Za-z]{2,3}|[0-9]{1,3}", message = "must be an ISO 3166-1 alpha-3 (KEN), alpha-2 (KE) or UN M49 (404) code") String> countries,
            @Size(max = 7) @Schema(description = "ITU region codes (AFR, AMS, ARB, ASP, CIS, EUR) or INT for an international / global scope") List<@NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ITU region code such as AFR, or INT") String> regions,
            @Size(max = 169) List<@NotBlank @Pattern(regexp = "\\d{1,2}\\.([0-9]{1,2}|[a-d])", message = "must be an SDG target code such as 4.4 or 9.c") String> sdgTargets,
            @Size(max = 20) List<@NotBlank @Size(max = 40) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String> targetGroups,
            @Schema(nullable = true) LocalDate startDate,
            @Schema(nullable = true) LocalDate endDate,
            @Schema(nullable = true) ProjectStatus projectStatus,
            @Size(max = 20) List<@NotBlank @Size(max = 2000) @Pattern(regexp = "https?://" + PlainText.LINK_REST, message = "must be an http(s) URL") String> links,
            @Size(max = 50) List<@NotBlank @Size(max = 300) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String> partners,
            @Schema(nullable = true, description = "The UN language title and description are written in (default: the language their script implies, Arabic, Chinese or Russian, else en)")
            @Pattern(regexp = Translations.LANGUAGE_PATTERN, message = Translations.LANGUAGE_MESSAGE) String language,
            /* Show contactName and contactEmail to the public; off (absent) by default. */
            Boolean publicContact) {

        public NewEntry {
            countries = orEmpty(countries);
            regions = orEmpty(regions);
            sdgTargets = orEmpty(sdgTargets);
            targetGroups = orEmpty(targetGroups);
            links = orEmpty(links);
            partners = orEmpty(partners);
            // not given: the language of the text's script (Arabic, Chinese, Russian), else English as before
            language = language == null ? UnLanguage.ofScript(title + " " + description).code() : language;
        }

        /** The content of an existing entry, as a revision snapshot. */
        static NewEntry of(Entry e) {
            return new NewEntry(e.title, e.description, e.organisation, e.actionLines, e.contactName, e.contactEmail,
                    e.stakeholderType, e.countries, e.regions, e.sdgTargets, e.targetGroups, e.startDate, e.endDate,
                    e.projectStatus, e.links, e.partners, e.language, e.publicContact);
        }

        private static <T> List<T> orEmpty(List<T> list) {
            return list == null ? List.of() : list;
        }
    }

    public record PrizeView(int edition, String category, String outcome) {
    }

    /**
     * An entry as its owner and moderators see it ({@link #of}), or as everyone else does
     * ({@link #publicOf}): without the owner's subject (also the key of that person's votes), without
     * the moderator's comment, and without the contact person unless the owner opted in. Those
     * fields are then null (always present, so the contract can require every field).
     * Languages (issue 21): {@code originalLanguage} is the one the owner wrote in; {@code language} the one
     * title and description are shown in: the original for the owner and moderators (what PUT replaces), the
     * one Accept-Language chose among the original and the approved translations for everyone else.
     */
    public record EntryView(UUID id, String title, String description, String organisation, List<String> actionLines,
                            EntryStatus status,
                            @Schema(nullable = true) String ownerId,
                            OffsetDateTime createdAt, OffsetDateTime updatedAt,
                            @Schema(nullable = true) OffsetDateTime publishedAt, long version,
                            @Schema(nullable = true) String contactName,
                            @Schema(nullable = true) String contactEmail,
                            @Schema(nullable = true) String stakeholderType, List<String> countries,
                            List<String> regions, List<String> sdgTargets, List<Integer> sdgs, List<String> targetGroups,
                            @Schema(nullable = true) LocalDate startDate, @Schema(nullable = true) LocalDate endDate, @Schema(nullable = true) ProjectStatus projectStatus, List<String> links,
                            List<String> partners,
                            @Schema(nullable = true, description = "The language title and description are in") String language,
                            @Schema(nullable = true) Integer stocktakingYear, boolean successStory,
                            List<PrizeView> prizes,
                            @Schema(nullable = true) String returnComment,
                            boolean changePending, boolean publicContact,
                            @Schema(description = "The language the owner wrote the entry in") String originalLanguage,
                            @Schema(description = "Approved translations by ISO 639-1 code (the original language is not among them)")
                            Map<String, Translation> translations,
                            @Schema(nullable = true, description = "Translations awaiting a moderator; owner and moderators only")
                            Map<String, Translation> pendingTranslations) {
        public static EntryView of(Entry e) {
            return view(e, true, Translations.shown(e.translations, e.language, e.title, e.description, null));
        }

        /** The public view, title and description in the language {@code preference} chooses. */
        public static EntryView publicOf(Entry e, LanguagePreference preference) {
            return view(e, false, Translations.shown(e.translations, e.language, e.title, e.description, preference));
        }

        private static EntryView view(Entry e, boolean whole, Translations.Shown shown) {
            boolean contact = whole || e.publicContact;
            return new EntryView(e.id, shown.title(), shown.description(), e.organisation, e.actionLines, e.status,
                    whole ? e.ownerId : null, e.createdAt, e.updatedAt, e.publishedAt, e.version,
                    contact ? e.contactName : null, contact ? e.contactEmail : null,
                    e.stakeholderType, e.countries, e.regions, e.sdgTargets, e.sdgs,
                    e.targetGroups, e.startDate, e.endDate, e.projectStatus, e.links, e.partners,
                    shown.language(),
                    e.stocktakingYear, e.successStory,
                    e.prizes.stream().map(p -> new PrizeView(p.edition, p.category, p.outcome))
                            .sorted(Comparator.comparingInt(PrizeView::edition).thenComparing(PrizeView::category)).toList(),
                    whole ? e.returnComment : null, e.pendingRevision != null, e.publicContact,
                    e.language, Translations.view(e.translations, whole), whole ? Translations.view(e.pendingTranslations, true) : null);
        }

    }

    /** A moderator's internal note, as written. */
    public record NewModeratorNote(@NotBlank @Size(max = 5000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String text) {
    }

    /** A moderator's internal note on an entry (moderators only). */
    public record ModeratorNoteView(UUID id, UUID entryId, String authorId, String text, OffsetDateTime createdAt) {
    }

    /** A moderator's request for changes. */
    public record ReturnRequest(@NotBlank @Size(max = 5000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String comment) {
    }

    public record RevisionView(int revision, String action, EntryStatus status, String actorId, OffsetDateTime at,
                               @Schema(nullable = true) String comment, NewEntry content) {
    }
}
