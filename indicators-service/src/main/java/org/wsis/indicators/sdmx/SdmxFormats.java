package org.wsis.indicators.sdmx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Content negotiation as SDMX REST 2.1 asks: the {@code format} parameter wins, else the Accept header
 * (q-values honoured); generic SDMX-ML 2.1 when the client expresses no preference; 406 for anything
 * not offered (another SDMX-JSON or SDMX-CSV version included, never a substitute).
 */
public final class SdmxFormats {
    public static final String GENERIC_XML = "application/vnd.sdmx.genericdata+xml;version=2.1";
    public static final String STRUCTURE_SPECIFIC_XML = "application/vnd.sdmx.structurespecificdata+xml;version=2.1";
    public static final String JSON_DATA = "application/vnd.sdmx.data+json;version=1.0.0";
    public static final String JSON_DATA_2 = "application/vnd.sdmx.data+json;version=2.0.0";
    public static final String CSV_DATA = "application/vnd.sdmx.data+csv;version=1.0.0";
    public static final String STRUCTURE_XML = "application/vnd.sdmx.structure+xml;version=2.1";

    public enum Data {
        GENERIC(GENERIC_XML), STRUCTURE_SPECIFIC(STRUCTURE_SPECIFIC_XML), JSON(JSON_DATA), JSON_2(JSON_DATA_2), CSV(CSV_DATA);

        public final String mediaType;

        Data(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    private SdmxFormats() {
    }

    public static Data data(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "genericdata" -> Data.GENERIC;
                case "structurespecificdata" -> Data.STRUCTURE_SPECIFIC;
                // format names the family; an Accept header naming SDMX-JSON 2.0.0 picks that version of it
                case "jsondata" -> acceptsJson2(accept) ? Data.JSON_2 : Data.JSON;
                case "csvdata" -> Data.CSV;
                default -> throw SdmxException.notAcceptable("Unsupported format '" + format
                        + "': offered genericdata, structurespecificdata, jsondata (SDMX-JSON 1.0, or 2.0.0 when Accept names it), "
                        + "csvdata (SDMX-CSV 1.0)");
            };
        }
        for (MediaRange range : ranges(accept)) {
            Data chosen = switch (range.type) {
                case "*/*", "application/*", "application/xml", "text/xml", "application/vnd.sdmx.genericdata+xml" ->
                        range.versionIs("2.1") ? Data.GENERIC : null;
                case "application/vnd.sdmx.structurespecificdata+xml" -> range.versionIs("2.1") ? Data.STRUCTURE_SPECIFIC : null;
                case "application/json" -> range.versionIs("1.0.0", "1.0") ? Data.JSON : null;
                case "application/vnd.sdmx.data+json" -> range.versionIs("1.0.0", "1.0") ? Data.JSON
                        : range.versionIs("2.0.0", "2.0") ? Data.JSON_2 : null;
                case "text/csv", "application/vnd.sdmx.data+csv" -> range.versionIs("1.0.0", "1.0") ? Data.CSV : null;
                default -> null;
            };
            if (chosen != null) {
                return chosen;
            }
        }
        throw SdmxException.notAcceptable("Not acceptable: '" + accept + "'; offered " + GENERIC_XML + " (default), "
                + STRUCTURE_SPECIFIC_XML + ", " + JSON_DATA + ", " + JSON_DATA_2 + ", " + CSV_DATA);
    }

    private static boolean acceptsJson2(String accept) {
        return ranges(accept).stream().anyMatch(r -> r.type.equals("application/vnd.sdmx.data+json") && r.version != null
                && (r.version.equals("2.0.0") || r.version.equals("2.0")));
    }

    /** Structure messages: SDMX-ML 2.1 only. */
    public static void structure(String format, String accept) {
        if (format != null && !format.isBlank() && !format.equalsIgnoreCase("structure") && !format.equalsIgnoreCase("sdmx-2.1")) {
            throw SdmxException.notAcceptable("Unsupported format '" + format + "': structures are offered as SDMX-ML 2.1 (format=structure)");
        }
        for (MediaRange range : ranges(accept)) {
            switch (range.type) {
                case "*/*", "application/*", "application/xml", "text/xml", "application/vnd.sdmx.structure+xml":
                    if (range.versionIs("2.1")) {
                        return;
                    }
                    break;
                default:
                    break;
            }
        }
        throw SdmxException.notAcceptable("Not acceptable: '" + accept + "'; structures are offered as " + STRUCTURE_XML);
    }

    /** The structure error format follows the same rule: XML unless only JSON is acceptable. */
    static boolean wantsJsonErrors(String accept) {
        List<MediaRange> ranges = ranges(accept);
        return !ranges.isEmpty() && ranges.get(0).type.contains("json");
    }

    record MediaRange(String type, String version, double q) {
        boolean versionIs(String... accepted) {
            if (version == null) {
                return true;
            }
            for (String v : accepted) {
                if (v.equals(version)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Accept ranges by descending q (stable); an absent header is * / *. q=0 ranges are dropped. */
    static List<MediaRange> ranges(String accept) {
        List<MediaRange> ranges = new ArrayList<>();
        if (accept == null || accept.isBlank()) {
            ranges.add(new MediaRange("*/*", null, 1));
            return ranges;
        }
        for (String part : accept.split(",")) {
            String[] pieces = part.split(";");
            String type = pieces[0].trim().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) {
                continue;
            }
            String version = null;
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String[] kv = pieces[i].split("=", 2);
                if (kv.length != 2) {
                    continue;
                }
                String name = kv[0].trim().toLowerCase(Locale.ROOT);
                String value = kv[1].trim().replace("\"", "");
                if (name.equals("version")) {
                    version = value;
                } else if (name.equals("q")) {
                    try {
                        q = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > 0) {
                ranges.add(new MediaRange(type, version, q));
            }
        }
        ranges.sort(Comparator.comparingDouble(MediaRange::q).reversed());
        return ranges;
    }
}
