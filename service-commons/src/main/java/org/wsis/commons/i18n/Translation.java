package org.wsis.commons.i18n;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/**
 * One language version of a text people wrote, as every service shows it in its {@code translations} map (keyed
 * by ISO 639-1 code): the text, where it came from, who gave it (null in public views: a subject is personal
 * data) and when.
 */
@Schema(name = "Translation", description = "One language version of a title and description, with its origin")
public record Translation(
        String title,
        @Schema(nullable = true) String description,
        TranslationOrigin origin,
        @Schema(nullable = true, description = "Subject of who gave the translation; owner and staff views only") String translatorId,
        OffsetDateTime translatedAt) {

    /** The same translation without who gave it (for the public). */
    public Translation withoutTranslator() {
        return new Translation(title, description, origin, null, translatedAt);
    }
}
