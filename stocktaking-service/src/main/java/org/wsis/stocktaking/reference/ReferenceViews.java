package org.wsis.stocktaking.reference;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.wsis.commons.i18n.Label;
import org.wsis.commons.i18n.LabelTexts;
import org.wsis.commons.i18n.UnLanguage;
import org.wsis.commons.reference.Country;
import org.wsis.commons.reference.ItuRegion;

/**
 * What the reference endpoints answer: every item carries {@code label} (in the language the reply's
 * {@code Content-Language} names, negotiated from {@code Accept-Language}: the first UN language asked for, else
 * English), {@code labels} (all six at once) and {@code officialLabels} (the languages whose text is the UN's or
 * ITU's own; the others are the platform's translation). {@code name} stays, in English, for existing clients.
 */
public final class ReferenceViews {
    private ReferenceViews() {
    }

    static final String LABEL = "The label in the language of the reply's Content-Language (Accept-Language: the first UN language asked for, else English)";
    static final String LABELS = "The label in each of the six UN languages";
    static final String OFFICIAL = "The languages (ISO 639-1) whose label is an official UN or ITU text; the others are the WSIS platform's translation";
    static final String NAME = "English name, as before labels existed (kept for existing clients; use label)";

    public record LabelledCode(String code,
                               @Schema(description = NAME) String name,
                               @Schema(description = LABEL) String label,
                               @Schema(description = LABELS) LabelTexts labels,
                               @Schema(description = OFFICIAL) List<String> officialLabels) {
        static LabelledCode of(String code, String name, Label label, UnLanguage language) {
            return new LabelledCode(code, name, label.in(language), label.texts(), label.officialCodes());
        }
    }

    public record SdgView(int number,
                          @Schema(description = NAME) String name,
                          @Schema(description = LABEL) String label,
                          @Schema(description = LABELS) LabelTexts labels,
                          @Schema(description = OFFICIAL) List<String> officialLabels,
                          @Schema(description = "The codes of the goal's targets (texts: GET /api/v1/reference/sdg-targets)") List<String> targets) {
    }

    public record SdgTargetView(String code, int sdg,
                                @Schema(description = LABEL) String label,
                                @Schema(description = LABELS) LabelTexts labels,
                                @Schema(description = OFFICIAL) List<String> officialLabels) {
    }

    public record CountryView(String alpha3, String alpha2,
                              @Schema(description = "UN M49, three digits with leading zeros") String m49,
                              @Schema(description = "The UN M49 English name (labels.en), kept for clients that read name") String name,
                              @Schema(nullable = true, description = "ITU region; null for a territory that is not an ITU Member State") ItuRegion ituRegion,
                              @Schema(description = "The UN M49 official name in the language of the reply's Content-Language") String label,
                              @Schema(description = "The UN M49 official name in each of the six UN languages") LabelTexts labels,
                              @Schema(description = OFFICIAL) List<String> officialLabels) {
        static CountryView of(Country c, Label label, UnLanguage language) {
            return new CountryView(c.alpha3(), c.alpha2(), c.m49(), c.name(), c.ituRegion(), label.in(language),
                    label.texts(), label.officialCodes());
        }
    }

    public record ActionLineView(String code, @Schema(nullable = true) String parentCode,
                                 @Schema(description = NAME) String name, String leadAgencies,
                                 @Schema(description = LABEL) String label,
                                 @Schema(description = LABELS) LabelTexts labels,
                                 @Schema(description = OFFICIAL) List<String> officialLabels) {
    }
}
