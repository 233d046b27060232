package org.wsis.gateway.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/** The country profile's label: the first UN language Accept-Language accepts, else English (plain JUnit). */
class CountryLabelTest {
    private static final JsonObject KOREA = new JsonObject().put("ar", "جمهورية كوريا").put("zh", "大韩民国")
            .put("en", "Republic of Korea").put("fr", "République de Corée").put("ru", "Республика Корея")
            .put("es", "República de Corea");

    @Test
    void theFirstAcceptedUnLanguageElseEnglish() {
        assertEquals("République de Corée", CountryProfiles.label(KOREA, "fr-CH, en;q=0.5"));
        assertEquals("大韩民国", CountryProfiles.label(KOREA, "de, zh-Hans;q=0.9"));
        assertEquals("República de Corea", CountryProfiles.label(KOREA, "fr;q=0.4, es;q=0.8"));
        assertEquals("Republic of Korea", CountryProfiles.label(KOREA, "de-CH"));
        assertEquals("Republic of Korea", CountryProfiles.label(KOREA, null));
        assertEquals("Republic of Korea", CountryProfiles.label(KOREA, "fr;q=0"));
        assertEquals("Republic of Korea", CountryProfiles.label(KOREA, ";;;=="));
        assertNull(CountryProfiles.label(null, "fr"));
    }
}
