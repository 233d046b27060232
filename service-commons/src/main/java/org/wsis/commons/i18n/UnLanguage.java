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
}
