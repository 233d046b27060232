package org.wsis.prizes.category;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wsis.commons.i18n.Label;
import org.wsis.commons.i18n.LabelTable;
import org.wsis.commons.i18n.UnLanguage;
import org.wsis.commons.reference.ReferenceLabels;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A prize category is an action line (C7: one of its applications): its labels other than ITU's English category name
 * are the action line's (service-commons action-line-labels.tsv), so a category and its action line never read
 * differently, and a text is official in both or in neither. Plain JUnit: the two files only.
 */
class CategoryLabelsTest {
    private static final LabelTable CATEGORIES = LabelTable.load(CategoryResource.class, "prize-category-labels.tsv");
    /** "ICT applications: " in each language, joined by the platform to a C7 application's label. */
    private static final Map<UnLanguage, String> C7_JOIN = Map.of(
            UnLanguage.AR, "تطبيقات تكنولوجيا المعلومات والاتصالات: ", UnLanguage.ZH, "ICT应用：",
            UnLanguage.FR, "Applications TIC : ", UnLanguage.RU, "Приложения ИКТ: ", UnLanguage.ES, "Aplicaciones de las TIC: ");

    @Test
    void everyCategoryReadsAsItsActionLineInEveryLanguageButItsEnglishName() {
        assertEquals(18, CATEGORIES.all().size());
        for (Label category : CATEGORIES.all()) {
            Label actionLine = ReferenceLabels.actionLines().get(category.code());
            boolean join = category.code().startsWith("C7.");
            for (UnLanguage language : UnLanguage.values()) {
                if (language == UnLanguage.EN) {
                    continue; // ITU's category name ("ICT applications: E-health"; C5 "... in use of ICTs")
                }
                String text = actionLine.in(language);
                String expected = !join ? text : C7_JOIN.get(language) + (language == UnLanguage.AR || language == UnLanguage.ZH
                        ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1));
                assertEquals(expected, category.in(language), category.code() + " " + language.code());
            }
            // official where the action line's text is ITU's, never for the platform's C7 joins
            List<String> expectedOfficial = actionLine.officialCodes().stream()
                    .filter(code -> code.equals("en") || !join).toList();
            assertEquals(expectedOfficial, category.officialCodes(), category.code());
        }
    }

    @Test
    void itusFrenchHeadingsNameTheirCategoriesOfficially() {
        assertEquals("L’accès à l’information et au savoir", CATEGORIES.get("C3").in(UnLanguage.FR));
        assertEquals(List.of("zh", "en", "fr"), CATEGORIES.get("C6").officialCodes());
        assertEquals("Applications TIC : administration électronique", CATEGORIES.get("C7.E-GOV").in(UnLanguage.FR));
        assertEquals(List.of("en"), CATEGORIES.get("C7.E-GOV").officialCodes());
        assertEquals(List.of("zh", "en"), CATEGORIES.get("C9").officialCodes());
    }
}
