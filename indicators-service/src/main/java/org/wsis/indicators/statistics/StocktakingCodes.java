package org.wsis.indicators.statistics;

import org.wsis.commons.reference.ItuRegion;
import org.wsis.commons.reference.StakeholderType;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code lists of WSIS:DF_STOCKTAKING and how stocktaking's event fields become their codes. Action lines are
 * stocktaking's own (C1-C11 and C7's applications); SDMX ids cannot hold '.', so {@code C7.E-HEALTH} is
 * {@code C7_E-HEALTH}. SDG goals 1-17 come from the entry's targets ({@code 3.8} counts for goal 3). Regions and
 * stakeholder types are the platform's vocabulary (service-commons {@code reference/}). Every list has
 * {@code _T} (total: all entries once) and {@code _Z} (not specified: an entry without SDG targets, say).
 */
public final class StocktakingCodes {
    public static final String TOTAL = "_T";
    public static final String NOT_SPECIFIED = "_Z";
    private static final Pattern NOT_SDMX_ID = Pattern.compile("[^A-Za-z0-9_@$\\-]");
    private static final Pattern SDG_TARGET = Pattern.compile("\\s*(\\d{1,2})(?:\\..*)?");

    /** Stocktaking's action lines (its migration V1), with its codes turned into SDMX ids. */
    static final Map<String, String> ACTION_LINES = withTotals(ordered(
            "C1", "The role of public governance authorities and all stakeholders in the promotion of ICTs for development",
            "C2", "Information and communication infrastructure",
            "C3", "Access to information and knowledge",
            "C4", "Capacity building",
            "C5", "Building confidence and security in the use of ICTs",
            "C6", "Enabling environment",
            "C7", "ICT applications: benefits in all aspects of life",
            "C7_E-GOV", "E-government",
            "C7_E-BUS", "E-business",
            "C7_E-LEARN", "E-learning",
            "C7_E-HEALTH", "E-health",
            "C7_E-EMP", "E-employment",
            "C7_E-ENV", "E-environment",
            "C7_E-AGRI", "E-agriculture",
            "C7_E-SCI", "E-science",
            "C8", "Cultural diversity and identity, linguistic diversity and local content",
            "C9", "Media",
            "C10", "Ethical dimensions of the Information Society",
            "C11", "International and regional cooperation"));

    static final Map<String, String> SDGS;
    static final Map<String, String> REGIONS;
    static final Map<String, String> STAKEHOLDER_TYPES;

    static {
        Map<String, String> goals = new LinkedHashMap<>();
        for (int goal = 1; goal <= 17; goal++) {
            goals.put(Integer.toString(goal), "Sustainable Development Goal " + goal);
        }
        SDGS = withTotals(goals);
        Map<String, String> regions = new LinkedHashMap<>();
        for (ItuRegion region : ItuRegion.values()) {
            regions.put(region.name(), region.title());
        }
        REGIONS = withTotals(regions);
        Map<String, String> types = new LinkedHashMap<>();
        for (StakeholderType type : StakeholderType.values()) {
            types.put(type.name(), type.title());
        }
        STAKEHOLDER_TYPES = withTotals(types);
    }

    private StocktakingCodes() {
    }

    /** An action line as an SDMX code: C7.E-HEALTH -> C7_E-HEALTH (any other character outside an SDMX id, '_'). */
    public static String actionLine(String code) {
        return NOT_SDMX_ID.matcher(code.strip().toUpperCase(java.util.Locale.ROOT)).replaceAll("_");
    }

    /** The goals of SDG targets ("3.8", "9.c" -> 3, 9), distinct, in order; _Z when none. */
    public static List<String> sdgs(Collection<String> targets) {
        Set<String> goals = new LinkedHashSet<>();
        if (targets != null) {
            for (String target : targets) {
                Matcher m = target == null ? null : SDG_TARGET.matcher(target);
                if (m != null && m.matches()) {
                    int goal = Integer.parseInt(m.group(1));
                    if (goal >= 1 && goal <= 17) {
                        goals.add(Integer.toString(goal));
                    }
                }
            }
        }
        return orNotSpecified(goals);
    }

    public static List<String> actionLines(Collection<String> codes) {
        Set<String> lines = new LinkedHashSet<>();
        if (codes != null) {
            codes.stream().filter(c -> c != null && !c.isBlank()).forEach(c -> lines.add(actionLine(c)));
        }
        return orNotSpecified(lines);
    }

    /** Regions through the platform's vocabulary (AFR, ITU_AFR, Africa -> AFR); unknown ones are not specified. */
    public static List<String> regions(Collection<String> codes) {
        Set<String> regions = new LinkedHashSet<>();
        if (codes != null) {
            codes.forEach(c -> ItuRegion.parse(c).ifPresent(r -> regions.add(r.name())));
        }
        return orNotSpecified(regions);
    }

    public static String stakeholderType(String type) {
        if (type == null || type.isBlank()) {
            return NOT_SPECIFIED;
        }
        String code = actionLine(type);
        return STAKEHOLDER_TYPES.containsKey(code) ? code : NOT_SPECIFIED;
    }

    private static List<String> orNotSpecified(Set<String> codes) {
        return codes.isEmpty() ? List.of(NOT_SPECIFIED) : List.copyOf(codes);
    }

    private static Map<String, String> ordered(String... idsAndNames) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (int i = 0; i < idsAndNames.length; i += 2) {
            codes.put(idsAndNames[i], idsAndNames[i + 1]);
        }
        return codes;
    }

    static Map<String, String> withTotals(Map<String, String> codes) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(TOTAL, "Total");
        all.putAll(codes);
        all.put(NOT_SPECIFIED, "Not specified");
        return java.util.Collections.unmodifiableMap(all);
    }
}
