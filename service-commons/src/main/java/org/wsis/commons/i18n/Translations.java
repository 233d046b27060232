package org.wsis.commons.i18n;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The translations of a text people wrote (title and description), kept as a map by language code next to the
 * original, in the original language. Every service that stores such text uses these, so entries, sessions and
 * prize categories answer the same JSON: {@code language} (shown), {@code originalLanguage} and
 * {@code translations} (every language at once, with its origin).
 */
public final class Translations {
    private Translations() {
    }

    /**
     * The language of the text to show: Accept-Language's choice among the original and the translations (then
     * English, then the original: {@link LanguagePreference#choose}).
     */
    public static String shownLanguage(Map<String, StoredTranslation> translations, String originalLanguage,
                                       String originalTitle, LanguagePreference preference) {
        Map<UnLanguage, String> texts = new EnumMap<>(UnLanguage.class);
        translations.forEach((code, t) -> UnLanguage.ofTag(code).ifPresent(l -> texts.put(l, t.title)));
        UnLanguage original = UnLanguage.ofTag(originalLanguage).orElse(null);
        if (original != null) {
            texts.put(original, originalTitle);
        }
        return preference.choose(texts, original).map(UnLanguage::code).orElse(originalLanguage);
    }

    /** A text as a reader gets it: title and description in {@code language}. */
    public record Shown(String language, String title, String description) {
    }

    /**
     * Title and description in the language {@link #shownLanguage} chooses, or the original when {@code preference} is
     * null (what owners and staff edit): the one way entries, sessions, proposals and prize categories show their text.
     */
    public static Shown shown(Map<String, StoredTranslation> translations, String originalLanguage, String title,
                              String description, LanguagePreference preference) {
        String language = preference == null ? originalLanguage
                : shownLanguage(translations, originalLanguage, title, preference);
        StoredTranslation translated = language.equals(originalLanguage) ? null : translations.get(language);
        return translated == null ? new Shown(originalLanguage, title, description)
                : new Shown(language, translated.title, translated.description);
    }

    /**
     * The ETag of a representation in {@code shown}: the version's own when it is the original, else that ETag
     * suffixed with the language, so a 304 never hands one language's copy to a reader of another.
     */
    public static jakarta.ws.rs.core.EntityTag etag(jakarta.ws.rs.core.EntityTag version, String shown, String originalLanguage) {
        return shown == null || shown.equals(originalLanguage) ? version
                : new jakarta.ws.rs.core.EntityTag(version.getValue() + "-" + shown, version.isWeak());
    }

    /** The map clients read, by language code; without who translated unless {@code withTranslator}. */
    public static Map<String, Translation> view(Map<String, StoredTranslation> stored, boolean withTranslator) {
        Map<String, Translation> out = new TreeMap<>();
        stored.forEach((code, t) -> out.put(code, withTranslator ? t.view() : t.view().withoutTranslator()));
        return out;
    }

    /** A copy with {@code key} set: jsonb columns are replaced whole, so Hibernate sees the change. */
    public static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
        Map<String, V> copy = new TreeMap<>(map);
        copy.put(key, value);
        return copy;
    }

    /** A copy without {@code key}. */
    public static <V> Map<String, V> without(Map<String, V> map, String key) {
        Map<String, V> copy = new TreeMap<>(map);
        copy.remove(key);
        return copy;
    }

    /** The six UN language codes, for a {@code @Pattern} on a {@code {lang}} path parameter. */
    public static final String LANGUAGE_PATTERN = "ar|zh|en|fr|ru|es";
    public static final String LANGUAGE_MESSAGE = "must be one of the UN languages ar, zh, en, fr, ru, es";
}
