package org.wsis.indicators.sdmx;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.wsis.commons.i18n.Label;
import org.wsis.commons.i18n.LabelTable;
import org.wsis.commons.i18n.LabelTexts;
import org.wsis.commons.i18n.StoredTranslation;
import org.wsis.commons.i18n.UnLanguage;
import org.wsis.commons.reference.Countries;
import org.wsis.commons.reference.ReferenceLabels;

/**
 * The six-language names SDMX structures carry (one {@code com:Name} per {@code xml:lang}). Codes of the platform's
 * vocabularies take service-commons' reference labels (CL_AREA countries: the UN M49 names; regions, stakeholder
 * types, action lines and prize categories, SDGs); every other name (artefacts, concepts, code lists, breakdown codes,
 * aggregates, indicators, units) is looked up by its English text in {@code sdg-indicator-labels.tsv} (the UN's names of
 * the SDG indicators whose English is exactly ours) and then {@code sdmx-labels.tsv}, the platform's translation. A name with no
 * translation (a code ITU staff added or renamed through the API) is published in English only: SDMX clients then
 * fall back to English, and no stale translation survives a rename. Indicators also carry the translations ITU staff
 * stored ({@link #indicator}), which take precedence over these tables.
 */
public final class SdmxLabels {
    private static final LabelTable MEMORY = LabelTable.load(SdmxLabels.class, "sdmx-labels.tsv");
    /** The UN's own names of the SDG indicators whose English is exactly one of ours (17.8.1, 17.6.1, 9.c.1). */
    private static final LabelTable SDG_INDICATORS = LabelTable.load(SdmxLabels.class, "sdg-indicator-labels.tsv");

    private SdmxLabels() {
    }

    /** The name of an artefact, concept or code list: its English name and the translations the memory has. */
    public static LabelTexts name(String english) {
        return label(english).map(Label::texts).orElseGet(() -> LabelTexts.untranslated(english));
    }

    /** The label of an English name (which languages are official says where it came from); empty if untranslated. */
    public static Optional<Label> label(String english) {
        return SDG_INDICATORS.find(english).or(() -> MEMORY.find(english));
    }

    /**
     * An indicator's name (the JSON {@code labels} and the SDMX CL_INDICATOR names alike): English as defined; in each other
     * language the translation ITU staff stored (indicator.translations), else the tables' text for that English name.
     * A language is official only while its text is still the tables' official one (an SDG indicator's UN wording):
     * a stored translation replaces it and is the platform's.
     */
    public static Label indicator(String code, String english, Map<String, StoredTranslation> translations) {
        Optional<Label> table = label(english);
        Map<UnLanguage, String> texts = new EnumMap<>(UnLanguage.class);
        Set<UnLanguage> official = EnumSet.noneOf(UnLanguage.class);
        table.ifPresent(l -> {
            texts.putAll(l.texts().asMap());
            official.addAll(l.official());
        });
        texts.put(UnLanguage.EN, english);
        translations.forEach((language, translation) -> UnLanguage.ofTag(language).filter(l -> l != UnLanguage.EN).ifPresent(l -> {
            texts.put(l, translation.title);
            official.remove(l);
        }));
        return new Label(code, LabelTexts.of(texts), official);
    }

    /** The name of a code of a code list, English as the structure has it. */
    public static LabelTexts code(String codelist, String code, String english) {
        // English stays the structure's own (what data messages name the code by, e.g. SDMX-JSON's dimension values:
        // clients map those names back through the structure); the five other languages come from the vocabulary
        return vocabulary(codelist, code)
                .map(t -> new LabelTexts(t.ar(), t.zh(), english, t.fr(), t.ru(), t.es()))
                .orElseGet(() -> name(english));
    }

    private static Optional<LabelTexts> vocabulary(String codelist, String code) {
        Optional<Label> label = switch (codelist) {
            // CL_AREA: countries by alpha-3 (aggregates such as ITU_AFR and WLD are in the memory)
            case "CL_AREA" -> Countries.find(code).filter(c -> c.alpha3().equals(code))
                    .flatMap(c -> ReferenceLabels.countries().find(c.alpha3()));
            case "CL_REGION" -> ReferenceLabels.regions().find(code);
            case "CL_STAKEHOLDER_TYPE" -> ReferenceLabels.stakeholderTypes().find(code);
            // SDMX ids cannot hold '.': C7_E-HEALTH is stocktaking's C7.E-HEALTH
            case "CL_ACTION_LINE", "CL_PRIZE_CATEGORY" -> ReferenceLabels.actionLines().find(code.replaceFirst("^C7_", "C7."));
            case "CL_SDG" -> ReferenceLabels.sdgs().find(code);
            default -> Optional.empty();
        };
        return label.map(Label::texts);
    }
}
