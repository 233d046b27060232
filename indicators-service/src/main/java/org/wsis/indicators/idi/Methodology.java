package org.wsis.indicators.idi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One published, immutable version of an index methodology: pillars (sub-indices) with weights and,
 * per pillar, the indicators with weight, transform and goalposts. Loaded from idi_methodology; what
 * ITU staff send through the API has the same shape (pillars/components).
 */
@Schema(name = "IdiMethodology")
public record Methodology(String id, int version, String name, boolean official, double scale,
                          @Schema(nullable = true) String source,
                          OffsetDateTime publishedAt, String publishedBy,
                          @Schema(description = "true when every weight, transform and goalpost is loaded") boolean computable,
                          @Schema(description = "what is missing before values can be computed (empty when computable)") List<String> notComputableBecause,
                          List<Pillar> pillars) {

    /** How a raw value is put on the goalposts' scale before min-max normalisation. */
    public enum Transform { LINEAR, LOG10 }

    @Schema(name = "IdiPillar")
    public record Pillar(String code, String name,
                         @Schema(nullable = true, description = "relative weight in the index (normalised to sum 1 over the pillars); null = not loaded") Double weight,
                         List<Component> components) {
    }

    @Schema(name = "IdiMethodologyComponent")
    public record Component(String indicator,
                            @Schema(nullable = true, description = "relative weight in its pillar (normalised to sum 1 within the pillar); null = not loaded") Double weight,
                            @Schema(nullable = true, enumeration = {"LINEAR", "LOG10"}, description = "LOG10: log10 of value and goalposts (e.g. bandwidth); null = not loaded") String transform,
                            @Schema(nullable = true, description = "the value that scores 0 (default 0 for LINEAR, 1 for LOG10)") Double zeroValue,
                            @Schema(nullable = true, description = "the reference value (goalpost) that scores 1; below zeroValue for 'lower is better' indicators such as prices; null = not loaded") Double referenceValue) {
    }

    /** Why values cannot be computed with this definition: every null weight, transform or goalpost. */
    static List<String> missingParts(List<Pillar> pillars) {
        List<String> missing = new ArrayList<>();
        for (Pillar pillar : pillars) {
            if (pillar.weight() == null) {
                missing.add("pillar " + pillar.code() + ": weight");
            }
            for (Component c : pillar.components()) {
                String where = "pillar " + pillar.code() + ", " + c.indicator() + ": ";
                if (c.weight() == null) {
                    missing.add(where + "weight");
                }
                if (c.transform() == null) {
                    missing.add(where + "transform");
                }
                if (c.zeroValue() == null || c.referenceValue() == null) {
                    missing.add(where + "goalposts (zeroValue, referenceValue)");
                }
            }
        }
        return missing;
    }

    public List<String> indicatorCodes() {
        return pillars.stream().flatMap(p -> p.components().stream()).map(Component::indicator).toList();
    }
}
