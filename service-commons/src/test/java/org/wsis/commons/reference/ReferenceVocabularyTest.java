package org.wsis.commons.reference;

import org.junit.jupiter.api.Test;
import org.wsis.commons.i18n.Label;
import org.wsis.commons.i18n.LabelTable;
import org.wsis.commons.i18n.LabelTexts;
import org.wsis.commons.i18n.UnLanguage;
import org.wsis.commons.problem.ProblemException;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one reference vocabulary: plain JUnit, no Quarkus. */
class ReferenceVocabularyTest {

    @Test
    void alpha3Alpha2AndM49NameTheSameCountry() {
        for (String code : List.of("KEN", "ken", "KE", "ke", " KE ", "404")) {
            assertEquals("KEN", Countries.find(code).orElseThrow().alpha3(), code);
        }
        // UN M49 padded as ISO writes it, or unpadded as UNSD's SDG data does
        assertEquals("BTN", Countries.find("064").orElseThrow().alpha3());
        assertEquals("BTN", Countries.find("64").orElseThrow().alpha3());
        assertEquals("AFG", Countries.find("4").orElseThrow().alpha3());
        Country bhutan = Countries.find("BT").orElseThrow();
        assertEquals("BT", bhutan.alpha2());
        assertEquals("064", bhutan.m49());
        assertEquals("Bhutan", bhutan.name());
        assertEquals(ItuRegion.ASP, bhutan.ituRegion());
    }

    @Test
    void unknownAndMalformedCodesNameNoCountry() {
        for (String code : List.of("XYZ", "XX", "999", "0", "K3N", "KENY", "", "1234")) {
            assertTrue(Countries.find(code).isEmpty(), code);
        }
        assertTrue(Countries.find(null).isEmpty());
    }

    @Test
    void requireAnswers400ForAMalformedCodeAnd422ForAnUnknownOneNamingTheField() {
        ProblemException malformed = assertThrows(ProblemException.class, () -> Countries.require("country", "K3N"));
        assertEquals(400, malformed.problem().status());
        assertEquals("country", malformed.problem().errors().get(0).field());
        ProblemException unknown = assertThrows(ProblemException.class, () -> Countries.require("countries", "XYZ"));
        assertEquals(422, unknown.problem().status());
        assertEquals("countries", unknown.problem().errors().get(0).field());
        assertEquals(List.of("KEN", "BTN"), Countries.requireAlpha3("countries", List.of("KE", "BTN", "404", "64")));
        ProblemException element = assertThrows(ProblemException.class,
                () -> Countries.requireAlpha3("countries", List.of("KE", "XYZ")));
        assertEquals("countries[1]", element.problem().errors().get(0).field());
    }

    @Test
    void theTableIsCompleteAndConsistent() {
        assertEquals(249, Countries.all().size());
        Set<String> seen = new HashSet<>();
        for (Country c : Countries.all()) {
            assertTrue(c.alpha3().matches("[A-Z]{3}") && c.alpha2().matches("[A-Z]{2}") && c.m49().matches("[0-9]{3}"), c.toString());
            assertTrue(seen.add(c.alpha3()) && seen.add(c.alpha2()) && seen.add(c.m49()), "duplicate code in " + c);
            assertTrue(c.ituRegion() == null || c.ituRegion().isItuRegion(), "a country is never 'international': " + c);
        }
        // the JDK's ISO 3166-1 list: every alpha-3 it knows is in the table
        for (String iso3 : Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3)) {
            assertTrue(Countries.find(iso3).isPresent(), iso3);
        }
        // 193 ITU Member States plus Palestine (an observer the ITU-D regions place in ARB)
        assertEquals(194, Countries.all().stream().filter(c -> c.ituRegion() != null).count());
    }

    @Test
    void georgiaMoldovaAndUkraineAreInItusEuropeRegion() {
        for (String code : List.of("GEO", "MDA", "UKR")) {
            assertEquals(ItuRegion.EUR, Countries.find(code).orElseThrow().ituRegion(), code);
        }
        assertEquals(ItuRegion.CIS, Countries.find("RUS").orElseThrow().ituRegion());
        assertEquals(ItuRegion.CIS, Countries.find("KAZ").orElseThrow().ituRegion());
        assertEquals(9, Countries.all().stream().filter(c -> c.ituRegion() == ItuRegion.CIS).count());
    }

    @Test
    void everyOldRegionSpellingReadsAsTheOneCode() {
        assertEquals(ItuRegion.AFR, ItuRegion.parse("AFR").orElseThrow());
        assertEquals(ItuRegion.AFR, ItuRegion.parse("ITU_AFR").orElseThrow());
        assertEquals(ItuRegion.AFR, ItuRegion.parse("Africa").orElseThrow());
        assertEquals(ItuRegion.ARB, ItuRegion.parse("Arab States").orElseThrow());
        assertEquals(ItuRegion.ASP, ItuRegion.parse("Asia-Pacific").orElseThrow());
        assertEquals(ItuRegion.CIS, ItuRegion.parse("CIS").orElseThrow());
        assertEquals(ItuRegion.EUR, ItuRegion.parse("europe").orElseThrow());
        assertEquals(ItuRegion.INT, ItuRegion.parse("INT").orElseThrow());
        assertEquals(ItuRegion.INT, ItuRegion.parse("Global").orElseThrow());
        assertTrue(ItuRegion.parse("Atlantis").isEmpty());
        assertTrue(ItuRegion.parse(null).isEmpty());
        assertEquals(List.of("AFR", "INT"), Regions.requireCodes("regions", List.of("Africa", "ITU_AFR", "INT")));
        ProblemException unknown = assertThrows(ProblemException.class, () -> Regions.require("region", "XXX"));
        assertEquals(422, unknown.problem().status());
        assertEquals("region", unknown.problem().errors().get(0).field());
    }

    @Test
    void stakeholderTypesIncludeOther() {
        assertEquals(7, StakeholderType.values().length);
        assertEquals("Other", StakeholderType.OTHER.title());
        assertNull(Countries.find("ATA").orElseThrow().ituRegion()); // Antarctica: no ITU region
    }

    @Test
    void everyCountryHasItsUnM49NameInTheSixLanguages() {
        for (Country country : Countries.all()) {
            LabelTexts texts = ReferenceLabels.countries().get(country.alpha3()).texts();
            for (UnLanguage language : UnLanguage.values()) {
                String text = texts.in(language);
                assertTrue(text != null && !text.isBlank(), country.alpha3() + " " + language);
            }
        }
        // the UN's names, not CLDR's ("South Korea") nor ISO's
        Label korea = ReferenceLabels.countries().get("KOR");
        assertEquals("جمهورية كوريا", korea.in(UnLanguage.AR));
        assertEquals("大韩民国", korea.in(UnLanguage.ZH));
        assertEquals("Republic of Korea", korea.in(UnLanguage.EN));
        assertEquals("République de Corée", korea.in(UnLanguage.FR));
        assertEquals("Республика Корея", korea.in(UnLanguage.RU));
        assertEquals("República de Corea", korea.in(UnLanguage.ES));
        assertEquals(List.of("ar", "zh", "en", "fr", "ru", "es"), korea.officialCodes());
        assertEquals("Côte d’Ivoire", ReferenceLabels.countries().get("CIV").in(UnLanguage.EN));
        // M49 does not list 158: labelled, but never claimed to be the UN's name
        assertEquals(List.of(), ReferenceLabels.countries().get("TWN").officialCodes());
    }

    @Test
    void aCountrysEnglishNameIsItsUnM49NameTheOnlyOneThePlatformHas() {
        for (Country country : Countries.all()) {
            assertEquals(ReferenceLabels.countries().get(country.alpha3()).in(UnLanguage.EN), country.name(), country.alpha3());
        }
        assertEquals("Republic of Korea", Countries.find("KR").orElseThrow().name());
        assertEquals("Türkiye", Countries.find("TUR").orElseThrow().name());
        assertEquals("United States of America", Countries.find("840").orElseThrow().name());
    }

    @Test
    void regionsAndStakeholderTypesHaveSixLabelsAndSayWhichAreOfficial() {
        Label africa = ReferenceLabels.regions().get("AFR");
        assertEquals("أفريقيا", africa.in(UnLanguage.AR));
        assertEquals("非洲", africa.in(UnLanguage.ZH));
        assertEquals("Africa", africa.in(UnLanguage.EN));
        assertEquals("Afrique", africa.in(UnLanguage.FR));
        assertEquals("Африка", africa.in(UnLanguage.RU));
        assertEquals("África", africa.in(UnLanguage.ES));
        assertEquals(List.of("en"), africa.officialCodes());
        assertEquals(List.of(), ReferenceLabels.regions().get("INT").officialCodes());
        assertEquals(ItuRegion.values().length, ReferenceLabels.regions().all().size());
        assertEquals(StakeholderType.values().length, ReferenceLabels.stakeholderTypes().all().size());
        assertEquals("Société civile", ReferenceLabels.stakeholderTypes().get("CIVIL_SOCIETY").in(UnLanguage.FR));
        assertEquals(List.of(), ReferenceLabels.stakeholderTypes().get("OTHER").officialCodes());
        // a code a person added in English only falls back to English
        Label untranslated = new Label("X", LabelTexts.untranslated("Only English"), java.util.Set.of());
        assertEquals(UnLanguage.EN, untranslated.languageFor(UnLanguage.RU));
        assertEquals("Only English", untranslated.in(UnLanguage.RU));
    }

    /**
     * Action lines: English and ITU's Chinese official everywhere; French official only where the file carries ITU's
     * French Geneva Plan of Action heading word for word (C2, C3, C6, C7, C7.E-GOV, C7.E-BUS), ours elsewhere.
     */
    @Test
    void actionLinesAreFrenchOfficialOnlyWhereItusFrenchHeadingIsCarried() {
        LabelTable lines = ReferenceLabels.actionLines();
        assertEquals(19, lines.all().size());
        Label c2 = lines.get("C2");
        assertEquals("L’infrastructure de l’information et de la communication: fondement essentiel d’une société de l’information inclusive",
                c2.in(UnLanguage.FR));
        assertEquals(List.of("zh", "en", "fr"), c2.officialCodes());
        assertEquals("Administration électronique", lines.get("C7.E-GOV").in(UnLanguage.FR));
        List<String> frenchOfficial = lines.all().stream().filter(l -> l.official().contains(UnLanguage.FR)).map(Label::code).toList();
        assertEquals(List.of("C2", "C3", "C6", "C7", "C7.E-GOV", "C7.E-BUS"), frenchOfficial);
        for (Label line : lines.all()) {
            assertTrue(line.official().containsAll(java.util.Set.of(UnLanguage.EN, UnLanguage.ZH)), line.code());
            assertFalse(line.official().contains(UnLanguage.AR) || line.official().contains(UnLanguage.RU)
                    || line.official().contains(UnLanguage.ES), line.code());
        }
    }
}
