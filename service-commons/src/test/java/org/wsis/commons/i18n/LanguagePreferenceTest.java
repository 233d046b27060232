package org.wsis.commons.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguagePreferenceTest {

    @Test
    void ordersTheUnLanguagesByWeightAndSkipsOthers() {
        LanguagePreference p = LanguagePreference.parse("de-CH, fr;q=0.4, zh-Hans-CN;q=0.8, ar;q=0, en;q=0.1");
        assertEquals(List.of(UnLanguage.ZH, UnLanguage.FR, UnLanguage.EN), p.preferred());
        assertEquals(UnLanguage.ZH, p.first());
    }

    @Test
    void missingOrMalformedHeaderIsNoPreference() {
        assertTrue(LanguagePreference.parse(null).preferred().isEmpty());
        assertTrue(LanguagePreference.parse("fr;q=banana").preferred().isEmpty());
        assertEquals(UnLanguage.EN, LanguagePreference.parse("").first());
        assertEquals(UnLanguage.EN, LanguagePreference.parse("x".repeat(2000)).first());
    }

    @Test
    void choosesPreferredThenEnglishThenOriginalThenAny() {
        Map<UnLanguage, String> zhAndRu = Map.of(UnLanguage.ZH, "宽带", UnLanguage.RU, "широкополосный");
        assertEquals(UnLanguage.RU, LanguagePreference.parse("es, ru").choose(zhAndRu, UnLanguage.ZH).orElseThrow());
        assertEquals(UnLanguage.ZH, LanguagePreference.parse("es").choose(zhAndRu, UnLanguage.ZH).orElseThrow());
        Map<UnLanguage, String> withEnglish = Map.of(UnLanguage.ZH, "宽带", UnLanguage.EN, "broadband", UnLanguage.FR, " ");
        assertEquals(UnLanguage.EN, LanguagePreference.parse("fr").choose(withEnglish, UnLanguage.ZH).orElseThrow());
        assertEquals(UnLanguage.RU, LanguagePreference.parse(null).choose(Map.of(UnLanguage.RU, "x"), null).orElseThrow());
        assertTrue(LanguagePreference.parse("fr").choose(Map.of(), UnLanguage.FR).isEmpty());
    }

    @Test
    void tagsMapToTheirPrimaryLanguage() {
        assertEquals(UnLanguage.ZH, UnLanguage.ofTag("zh-Hans").orElseThrow());
        assertEquals(UnLanguage.ES, UnLanguage.ofTag("es_419").orElseThrow());
        assertTrue(UnLanguage.ofTag("de").isEmpty());
    }
}
