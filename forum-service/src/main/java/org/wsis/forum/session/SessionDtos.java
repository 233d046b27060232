package org.wsis.forum.session;

import java.util.Map;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.i18n.Translation;
import org.wsis.commons.i18n.Translations;
import org.wsis.commons.text.PlainText;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the agenda API. */
public final class SessionDtos {
    /** C1..C11, or a C7 application as stocktaking codes it (C7.E-HEALTH ...). */
    public static final String ACTION_LINE = "C([1-9]|1[01])|C7\\.E-[A-Z]+";

    public record NewSession(@NotNull SessionKind kind,
                             @NotBlank @Size(max = 300) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String title,
                             @Size(max = 5000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String description,
                             @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String track,
                             @Size(max = 11) List<@NotNull @Pattern(regexp = ACTION_LINE, message = "must be an action line C1..C11 or C7.E-...") String> actionLines,
                             @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String room,
                             @Size(max = 500) @Pattern(regexp = "https://" + PlainText.LINK_REST, message = "must be an https link") String onlineLink,
                             @NotNull OffsetDateTime startsAt,
                             @NotNull OffsetDateTime endsAt,
                             @Size(max = 50) List<@NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String> speakers,
                             @NotNull @Min(1) @Max(100_000) Integer capacity,
                             @Schema(nullable = true, description = "The UN language title and description are written in (default en)")
                             @Pattern(regexp = Translations.LANGUAGE_PATTERN, message = Translations.LANGUAGE_MESSAGE) String language) {
    }

    /**
     * An organizer's change of a session (PUT, If-Match): everything but its kind. A new time is a reschedule, a new
     * room or link a move (online: a link and no room; hybrid: both); the people signed up are told of either.
     */
    public record SessionChange(@NotBlank @Size(max = 300) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String title,
                                @Size(max = 5000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String description,
                                @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String track,
                                @Size(max = 11) List<@NotNull @Pattern(regexp = ACTION_LINE, message = "must be an action line C1..C11 or C7.E-...") String> actionLines,
                                @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String room,
                                @Size(max = 500) @Pattern(regexp = "https://" + PlainText.LINK_REST, message = "must be an https link") String onlineLink,
                                @NotNull OffsetDateTime startsAt,
                                @NotNull OffsetDateTime endsAt,
                                @Size(max = 50) List<@NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String> speakers,
                                @NotNull @Min(1) @Max(100_000) Integer capacity,
                                @Size(max = 1000) @Schema(description = "why (kept in the audit log)") @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String reason) {
    }

    /** Why an edition or a session is cancelled (required: the people affected are owed a reason). */
    public record Cancellation(@NotBlank @Size(max = 1000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String reason) {
    }

    /**
     * A session; {@code language} is the language title and description are shown in (the one Accept-Language chose
     * among the original and the translations), {@code originalLanguage} the one organizers wrote it in, and
     * {@code translations} every other language at once with its origin.
     */
    public record SessionView(UUID id, int edition, SessionKind kind, String title, @Schema(nullable = true) String description,
                              @Schema(nullable = true) String track, List<String> actionLines, @Schema(nullable = true) String room, @Schema(nullable = true) String onlineLink,
                              OffsetDateTime startsAt, OffsetDateTime endsAt, List<String> speakers,
                              int capacity, int seatsTaken, ForumSession.Status status,
                              @Schema(nullable = true, description = "when its time or place last changed") OffsetDateTime changedAt,
                              @Schema(nullable = true) String cancellationReason,
                              @Schema(description = "The language title and description are in") String language,
                              @Schema(description = "The language organizers wrote the session in") String originalLanguage,
                              @Schema(description = "Title and description in other UN languages, by ISO 639-1 code") Map<String, Translation> translations) {
        /** In the original language (what organizers edit). */
        public static SessionView of(ForumSession s) {
            return of(s, null);
        }

        /** Title and description in the language {@code preference} chooses (null: the original). */
        public static SessionView of(ForumSession s, LanguagePreference preference) {
            Translations.Shown shown = Translations.shown(s.translations, s.language, s.title, s.description, preference);
            return new SessionView(s.id, s.editionYear, s.kind, shown.title(), shown.description(), s.track, s.actionLines,
                    s.room, s.onlineLink, s.startsAt, s.endsAt, s.speakers, s.capacity, s.confirmedCount, s.status,
                    s.changedAt, s.cancellationReason, shown.language(), s.language,
                    Translations.view(s.translations, false));
        }
    }

    private SessionDtos() {
    }
}
