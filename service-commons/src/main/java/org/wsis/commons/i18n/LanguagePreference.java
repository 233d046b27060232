package org.wsis.commons.i18n;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a caller asked for in {@code Accept-Language}, reduced to the UN languages in the caller's order of
 * preference. Choosing a text: the first preferred language that has one, then {@link UnLanguage#FALLBACK}
 * (English), then the language the text was written in, then any. The caller learns which one it got from
 * {@code Content-Language} (or a {@code language} field), so nothing is silently substituted.
 */
public final class LanguagePreference {

    private static final LanguagePreference NONE = new LanguagePreference(List.of());

    private final List<UnLanguage> preferred;

    private LanguagePreference(List<UnLanguage> preferred) {
        this.preferred = preferred;
    }

    /**
     * Parses an {@code Accept-Language} header (RFC 9110: ranges with q-values, {@code *}). A missing or malformed
     * header is no preference: HTTP lets a server ignore a header it cannot use, and the reply still says which
     * language it is in. Ranges with q=0 are excluded; unknown languages are skipped.
     */
    public static LanguagePreference parse(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 1024) {
            return NONE;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException malformed) {
            return NONE;
        }
        List<UnLanguage> preferred = new ArrayList<>();
        for (Locale.LanguageRange range : ranges) { // LanguageRange.parse sorts by weight, stable for ties
            if (range.getWeight() <= 0) {
                continue;
            }
            UnLanguage.ofTag(range.getRange()).filter(l -> !preferred.contains(l)).ifPresent(preferred::add);
        }
        return new LanguagePreference(Collections.unmodifiableList(preferred));
    }

    /** The accepted UN languages, most preferred first (empty: no preference). */
    public List<UnLanguage> preferred() {
        return preferred;
    }

    /** The language to label reference data in: the first preferred one, else the fallback. */
    public UnLanguage first() {
        return preferred.isEmpty() ? UnLanguage.FALLBACK : preferred.get(0);
    }

    /**
     * The language to show of a text available in {@code texts} (blank values count as missing), written
     * originally in {@code original} (may be null); empty only when {@code texts} has no text at all.
     */
    public Optional<UnLanguage> choose(Map<UnLanguage, String> texts, UnLanguage original) {
        for (UnLanguage language : preferred) {
            if (has(texts, language)) {
                return Optional.of(language);
            }
        }
        if (has(texts, UnLanguage.FALLBACK)) {
            return Optional.of(UnLanguage.FALLBACK);
        }
        if (original != null && has(texts, original)) {
            return Optional.of(original);
        }
        for (UnLanguage language : UnLanguage.values()) {
            if (has(texts, language)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    private static boolean has(Map<UnLanguage, String> texts, UnLanguage language) {
        String text = texts.get(language);
        return text != null && !text.isBlank();
    }
}
