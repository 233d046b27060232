package org.wsis.commons.reference;

import java.util.Locale;
import java.util.Optional;

/**
 * The one ITU region code list of the platform (the six ITU-D regions, codes as stocktaking has always
 * published them) plus {@link #INT}, the scope of a multi-country or global project that no single region
 * contains (the stocktaking reports count those apart). Every service, event and the gateway use these codes.
 */
public enum ItuRegion {
    AFR("Africa"),
    AMS("Americas"),
    ARB("Arab States"),
    ASP("Asia-Pacific"),
    CIS("Commonwealth of Independent States"),
    EUR("Europe"),
    /** Not an ITU region: international / global scope (multi-country projects, global initiatives). */
    INT("International (multi-country or global)");

    private final String title;

    ItuRegion(String title) {
        this.title = title;
    }

    /** The English name ITU uses. */
    public String title() {
        return title;
    }

    /** True for the six ITU-D regions; false for the international scope. */
    public boolean isItuRegion() {
        return this != INT;
    }

    /**
     * The region a code names: the code itself (AFR), the spellings services used before the platform had one
     * list ({@code ITU_AFR} in indicators, {@code Africa} in forum) or the English name, in any case; empty for
     * anything else. Input is normalised through here; what is stored and published is {@link #name()}.
     */
    public static Optional<ItuRegion> parse(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String key = code.strip().toUpperCase(Locale.ROOT);
        if (key.startsWith("ITU_")) {
            key = key.substring(4);
        }
        for (ItuRegion region : values()) {
            if (region.name().equals(key) || region.title.toUpperCase(Locale.ROOT).equals(key)) {
                return Optional.of(region);
            }
        }
        return switch (key) {
            case "CIS REGION", "COMMONWEALTH OF INDEPENDENT STATES (CIS)" -> Optional.of(CIS);
            case "ASIA AND THE PACIFIC", "ASIA PACIFIC" -> Optional.of(ASP);
            case "INTERNATIONAL", "GLOBAL", "WORLD" -> Optional.of(INT);
            default -> Optional.empty();
        };
    }
}
