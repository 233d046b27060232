package org.wsis.commons.i18n;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One label in the six UN languages, as JSON {@code {"ar":..,"zh":..,"en":..,"fr":..,"ru":..,"es":..}} (the
 * {@code labels} field of every reference item): a record rather than a map so the OpenAPI schema names the six keys.
 */
public record LabelTexts(@Schema(nullable = true, description = NOT_YET) String ar,
                         @Schema(nullable = true, description = NOT_YET) String zh,
                         String en,
                         @Schema(nullable = true, description = NOT_YET) String fr,
                         @Schema(nullable = true, description = NOT_YET) String ru,
                         @Schema(nullable = true, description = NOT_YET) String es) {
    /** Reference files always have six texts; a code a person added through an API may have English only. */
    static final String NOT_YET = "null only for a code added in English and not translated yet (label falls back to English)";


    public static LabelTexts of(Map<UnLanguage, String> texts) {
        return new LabelTexts(texts.get(UnLanguage.AR), texts.get(UnLanguage.ZH), texts.get(UnLanguage.EN),
                texts.get(UnLanguage.FR), texts.get(UnLanguage.RU), texts.get(UnLanguage.ES));
    }

    /** The same text in every language: a code a person added in one language only has no translation yet. */
    public static LabelTexts untranslated(String english) {
        return new LabelTexts(null, null, english, null, null, null);
    }

    public String in(UnLanguage language) {
        return switch (language) {
            case AR -> ar;
            case ZH -> zh;
            case EN -> en;
            case FR -> fr;
            case RU -> ru;
            case ES -> es;
        };
    }

    public Map<UnLanguage, String> asMap() {
        Map<UnLanguage, String> texts = new EnumMap<>(UnLanguage.class);
        for (UnLanguage language : UnLanguage.values()) {
            String text = in(language);
            if (text != null && !text.isBlank()) {
                texts.put(language, text);
            }
        }
        return texts;
    }
}
