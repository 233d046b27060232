package org.wsis.indicators.indicator;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.wsis.commons.text.PlainText;

/**
 * What ITU staff send to define or change an indicator (the code is in the path for a change, in the body for a
 * new one). Text without control characters (commons PlainText, as its translations: the SDMX messages carry these names).
 */
public record IndicatorDefinition(
        @Schema(description = "Only when defining a new indicator (POST); the path names it on PUT", nullable = true)
        @Pattern(regexp = IndicatorDefinition.CODE, message = "must be an indicator code such as IT_USE_ii99") String code,
        @NotBlank @Size(max = 300) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String name,
        @NotBlank @Size(max = 100) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String unit,
        @Schema(description = "SDMX UNIT_MULT: values are x 10^n; 0 when absent", nullable = true) @Min(-15) @Max(15) Integer unitMultiplier,
        @Schema(nullable = true) @Pattern(regexp = "[0-9]{1,2}\\.[a-z0-9]{1,2}\\.[0-9]{1,2}", message = "must be an SDG indicator number such as 17.8.1") String sdgIndicator,
        @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_-]{1,31}", message = "must be an agency code such as ITU") String custodian,
        @Schema(description = "How the indicator is measured (the definition's description)", nullable = true)
        @Size(max = 4000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String methodology) {

    /** An indicator code (also an SDMX code id): letters, digits, _ . - */
    public static final String CODE = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    int multiplier() {
        return unitMultiplier == null ? 0 : unitMultiplier;
    }
}
