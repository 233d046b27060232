package org.wsis.prizes.category;

import java.util.Map;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.i18n.Translation;
import org.wsis.commons.i18n.Translations;
import org.wsis.commons.text.PlainText;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class CategoryDtos {
    /** Special prize codes: "SP." and upper-case words joined by hyphens, e.g. SP.HEALTHY-AGEING. */
    public static final String SPECIAL_PRIZE_CODE = "^SP\\.[A-Z0-9]+(-[A-Z0-9]+)*$";

    private CategoryDtos() {
    }

    public record SpecialPrizeRequest(@NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String name,
                                      @Schema(nullable = true) @Size(max = 2000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String description,
                                      @Schema(nullable = true, description = "The UN language name and description are written in (default en)")
                                      @Pattern(regexp = Translations.LANGUAGE_PATTERN,
                                              message = Translations.LANGUAGE_MESSAGE) String language) {
    }

    /**
     * kind: ACTION_LINE (one of the 18 default categories) or SPECIAL_PRIZE. {@code language}: the language name and
     * description are shown in (Accept-Language's choice), {@code originalLanguage} the one administrators wrote them
     * in, {@code translations} every other language at once (a translation's {@code title} is the name).
     */
    public record EditionCategoryView(String code, String name,
                                      @Schema(enumeration = {"ACTION_LINE", "SPECIAL_PRIZE"}) String kind,
                                      @Schema(nullable = true) String description,
                                      @Schema(description = "The language name and description are in") String language,
                                      @Schema(description = "The language prize administrators wrote them in") String originalLanguage,
                                      @Schema(description = "Name (title) and description in other UN languages, by ISO 639-1 code")
                                      Map<String, Translation> translations) {
        public static EditionCategoryView of(EditionCategory c) {
            return of(c, null);
        }

        /** Name and description in the language {@code preference} chooses (null: the original). */
        public static EditionCategoryView of(EditionCategory c, LanguagePreference preference) {
            Translations.Shown shown = Translations.shown(c.translations, c.language, c.name, c.description, preference);
            return new EditionCategoryView(c.code, shown.title(), c.kind, shown.description(), shown.language(),
                    c.language, Translations.view(c.translations, false));
        }
    }
}
