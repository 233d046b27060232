package org.wsis.commons.i18n;

import java.util.List;
import java.util.Set;

/**
 * A code's label in the six UN languages and, per language, whether the text is an official one (published by the
 * UN or ITU) or the platform's own wording or translation. Read from a {@link LabelTable} resource file.
 */
public record Label(String code, LabelTexts texts, Set<UnLanguage> official) {

    /**
     * The text in {@code language}, else in English (the documented fallback), else in any language. The language
     * actually used is {@link #languageFor}.
     */
    public String in(UnLanguage language) {
        return texts.in(languageFor(language));
    }

    /** The language a reply in {@code language} really carries for this label (the fallback when it has none). */
    public UnLanguage languageFor(UnLanguage language) {
        String text = texts.in(language);
        return text != null && !text.isBlank() ? language : UnLanguage.FALLBACK;
    }

    /** The ISO 639-1 codes of the languages whose text is official (UN or ITU published), in UN order. */
    public List<String> officialCodes() {
        return java.util.Arrays.stream(UnLanguage.values()).filter(official::contains).map(UnLanguage::code).toList();
    }
}
