package org.wsis.commons.i18n;

import java.util.Locale;
import java.util.Optional;

/**
 * The six official UN languages, the only languages the platform labels and translates into. The code is the
 * ISO 639-1 code (what JSON maps are keyed by and SDMX {@code xml:lang} carries); Chinese is the simplified script
 * UN documents use, so {@code zh}, {@code zh-Hans}, {@code zh-CN} all name it.
 */
public enum UnLanguage {
    AR("ar"),
    ZH("zh"),
    EN("en"),
    FR("fr"),
    RU("ru"),
    ES("es");

    /** The language a reply falls back to when none the caller accepts is available (documented in the README). */
    public static final UnLanguage FALLBACK = EN;

    private final String code;

    UnLanguage(String code) {
        this.code = code;
    }

    /** ISO 639-1 code: {@code ar zh en fr ru es}. */
    public String code() {
        return code;
    }

    /** The language a BCP 47 tag names by its primary subtag (fr-CH is French, zh-Hans-CN Chinese); empty for others. */
    public static Optional<UnLanguage> ofTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String primary = tag.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        for (UnLanguage language : values()) {
            if (language.code.equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /**
     * The language a text's script implies, where the script names one UN language: Cyrillic is Russian, Arabic
     * Arabic, Han and kana Chinese (the first such letter decides; Latin words mixed in, such as names and codes, do
     * not); anything else, Latin included, English. For text that came without its language: a query to stem, an
     * entry or a proposal whose author did not say (French and Spanish cannot be told from English this way).
     */
    public static UnLanguage ofScript(CharSequence text) {
        if (text == null) {
            return EN;
        }
        for (int i = 0; i < text.length(); ) {
            int c = Character.codePointAt(text, i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) {
                continue;
            }
            switch (Character.UnicodeScript.of(c)) {
                case CYRILLIC: return RU;
                case ARABIC: return AR;
                case HAN, HIRAGANA, KATAKANA: return ZH;
                default: break;
            }
        }
        return EN;
    }
}
