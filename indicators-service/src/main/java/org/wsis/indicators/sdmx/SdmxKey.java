package org.wsis.indicators.sdmx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses SDMX REST 2.1 flow references and series keys.
 * Flow: "DF_ICT", "WSIS,DF_ICT" or "WSIS,DF_ICT,1.0" (version may be "latest").
 * Key: dot-separated values in the flow's dimension order (DF_ICT: FREQ.REF_AREA.INDICATOR.SEX.AGE.URBANISATION),
 * "+" between alternatives, an empty position for "any"; "all" or empty for everything.
 */
public final class SdmxKey {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_@$\\-]+");

    private SdmxKey() {
    }

    /**
     * The dataflow a reference names, among those offered; 400 when malformed, 404 when it names another
     * agency, version or dataflow.
     */
    public static Dataflow resolveFlow(String flow, Collection<Dataflow> offered) {
        String[] parts = flow.split(",", -1);
        if (parts.length > 3 || Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw SdmxException.syntax("Malformed dataflow reference '" + flow + "': use DF_ICT, WSIS,DF_ICT or WSIS,DF_ICT,1.0");
        }
        String agency = parts.length >= 2 ? parts[0] : Structures.AGENCY;
        String id = parts.length >= 2 ? parts[1] : parts[0];
        String version = parts.length == 3 ? parts[2] : "latest";
        boolean agencyMatches = agency.equals(Structures.AGENCY) || agency.equalsIgnoreCase("all");
        boolean versionMatches = version.equals(Structures.VERSION) || version.equalsIgnoreCase("latest") || version.equals("+") || version.equals("~");
        Dataflow found = offered.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
        if (!agencyMatches || found == null || !versionMatches) {
            throw SdmxException.noResults("Unknown dataflow '" + flow + "'; this service offers "
                    + offered.stream().map(Dataflow::urnShort).toList());
        }
        return found;
    }

    /** DF_ICT's key. */
    public static List<List<String>> parseKey(String key) {
        return parseKey(key, Structures.ICT);
    }

    /** One list of codes per dimension of the flow (empty = wildcard). */
    public static List<List<String>> parseKey(String key, Dataflow flow) {
        List<Structures.Dimension> dims = flow.dimensions();
        int dimensions = dims.size();
        List<List<String>> result = new ArrayList<>();
        if (key == null || key.isEmpty() || key.equalsIgnoreCase("all")) {
            for (int i = 0; i < dimensions; i++) {
                result.add(List.of());
            }
            return result;
        }
        String[] parts = key.split("\\.", -1);
        if (parts.length != dimensions) {
            throw SdmxException.syntax("The key '" + key + "' has " + parts.length + " dimension(s); expected " + dimensions
                    + " in the order " + flow.keyTemplate() + " (empty for any, + for or)");
        }
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                result.add(List.of());
                continue;
            }
            List<String> codes = new ArrayList<>();
            for (String code : parts[i].split("\\+", -1)) {
                if (!CODE.matcher(code).matches()) {
                    throw SdmxException.syntax("Malformed value '" + code + "' for " + dims.get(i).id()
                            + " in key '" + key + "'");
                }
                codes.add(code);
            }
            result.add(List.copyOf(codes));
        }
        return result;
    }

    /** startPeriod/endPeriod: a year, or a date/period whose year is taken (annual data only). */
    public static Integer year(String name, String period) {
        if (period == null || period.isBlank()) {
            return null;
        }
        if (!period.matches("\\d{4}(-.*)?")) {
            throw SdmxException.syntax(name + " '" + period + "' is not an SDMX period (e.g. 2015, 2015-Q1, 2015-01-31)");
        }
        return Integer.parseInt(period.substring(0, 4));
    }
}
