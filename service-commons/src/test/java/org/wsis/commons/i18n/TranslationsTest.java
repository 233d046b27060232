package org.wsis.commons.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.core.EntityTag;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared rules of translated content (entries, sessions, prize categories): which language is shown, its ETag. */
class TranslationsTest {
    private static final StoredTranslation FRENCH = StoredTranslation.of(
            new NewTranslation(" Écoles rurales ", " ", TranslationOrigin.HUMAN), "translator-1",
            OffsetDateTime.parse("2026-12-05T10:00:00Z"));

    @Test
    void showsThePreferredTranslationElseEnglishElseTheOriginal() {
        Map<String, StoredTranslation> translations = Map.of("fr", FRENCH);
        assertEquals("fr", Translations.shownLanguage(translations, "zh", "农村学校", LanguagePreference.parse("fr-CH")));
        assertEquals("zh", Translations.shownLanguage(translations, "zh", "农村学校", LanguagePreference.parse("ru")));
        assertEquals("zh", Translations.shownLanguage(translations, "zh", "农村学校", LanguagePreference.parse(null)));
        assertEquals("en", Translations.shownLanguage(translations, "en", "Rural schools", LanguagePreference.parse("es")));
    }

    @Test
    void storesWhatWasSentStrippedAndShowsTheTranslatorOnlyWhenAsked() {
        assertEquals("Écoles rurales", FRENCH.title);
        assertNull(FRENCH.description); // blank is no description
        Translation whole = Translations.view(Map.of("fr", FRENCH), true).get("fr");
        assertEquals(TranslationOrigin.HUMAN, whole.origin());
        assertEquals("translator-1", whole.translatorId());
        assertNull(Translations.view(Map.of("fr", FRENCH), false).get("fr").translatorId());
    }

    @Test
    void aTranslationShownHasItsOwnEtag() {
        EntityTag version = new EntityTag("e1-3");
        assertEquals(version, Translations.etag(version, "zh", "zh"));
        assertEquals(new EntityTag("e1-3-fr"), Translations.etag(version, "fr", "zh"));
    }
}
