package org.wsis.indicators.observation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wsis.commons.reference.Countries;
import org.wsis.commons.reference.Country;
import org.wsis.commons.reference.ItuRegion;

/**
 * Reads an economy code through the platform's one vocabulary (service-commons {@code org.wsis.commons.reference}):
 * a country given as ISO 3166-1 alpha-3, alpha-2 or UN M49 (padded or not) is its alpha-3 code; an ITU region
 * given by the platform's code (AFR) is its aggregate economy {@code ITU_AFR}. The {@code ITU_} prefix stays in
 * the REF_AREA codelist published over SDMX, where countries and aggregates share one dimension and published
 * series keys must not change under statisticians' tools; it is derived from the one region list, never typed
 * apart. Anything else (WLD, LDC, an unknown code) is returned as given, for the caller to check.
 */
public final class EconomyCodes {
    private static final String REGION_PREFIX = "ITU_";

    private EconomyCodes() {
    }

    public static String canonical(String code) {
        if (code == null) {
            return null;
        }
        String stripped = code.strip();
        if (stripped.startsWith(REGION_PREFIX)) {
            return stripped;
        }
        return Countries.find(stripped).map(Country::alpha3)
                .or(() -> ItuRegion.parse(stripped).filter(r -> r.isItuRegion() && r.name().equalsIgnoreCase(stripped))
                        .map(r -> REGION_PREFIX + r.name()))
                .orElse(stripped);
    }

    public static List<String> canonical(List<String> codes) {
        return codes == null ? null : codes.stream().map(EconomyCodes::canonical).distinct().toList();
    }

    /** Every other form of a code mapped to its canonical one, for normalising a staged upload in SQL. */
    public static Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (Country c : Countries.all()) {
            aliases.put(c.alpha2(), c.alpha3());
            aliases.put(c.m49(), c.alpha3());
            aliases.put(String.valueOf(Integer.parseInt(c.m49())), c.alpha3());
        }
        for (ItuRegion region : ItuRegion.values()) {
            if (region.isItuRegion()) {
                aliases.put(region.name(), REGION_PREFIX + region.name());
            }
        }
        return aliases;
    }
}
