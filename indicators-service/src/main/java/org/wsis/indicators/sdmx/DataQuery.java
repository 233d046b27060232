package org.wsis.indicators.sdmx;

import jakarta.ws.rs.core.MultivaluedMap;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One SDMX REST 2.1 data query, parsed and normalised: every parameter the standard defines is either
 * honoured here or refused (501), and an unknown parameter is a 400, so nothing is silently ignored.
 * {@link #cacheKey()} is the normalised form: junk parameters cannot create cache entries.
 */
public record DataQuery(String flow, Dataflow dataflow, List<List<String>> key, String provider, Integer startYear, Integer endYear,
                        Instant updatedAfter, Instant asOf, Integer firstN, Integer lastN, Detail detail,
                        String dimensionAtObservation, SdmxFormats.Data format) {

    public enum Detail { FULL, DATAONLY, SERIESKEYSONLY, NODATA }

    public static final String ALL_DIMENSIONS = "AllDimensions";
    public static final String TIME_PERIOD = "TIME_PERIOD";

    /** Parameters of SDMX REST 2.1 data queries plus our asOf extension and the format override. */
    static final Set<String> PARAMETERS = Set.of("startPeriod", "endPeriod", "updatedAfter", "firstNObservations",
            "lastNObservations", "dimensionAtObservation", "detail", "includeHistory", "asOf", "format");

    public static DataQuery parse(String flow, String key, String provider, MultivaluedMap<String, String> params,
                                  SdmxFormats.Data format) {
        return parse(flow, List.of(Structures.ICT), key, provider, params, format);
    }

    /** A query of one of the offered dataflows. */
    public static DataQuery parse(String flow, List<Dataflow> offered, String key, String provider,
                                  MultivaluedMap<String, String> params, SdmxFormats.Data format) {
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw SdmxException.syntax("Unknown parameter '" + name + "'; SDMX REST 2.1 data queries take " + new TreeSet<>(PARAMETERS));
            }
            if (params.get(name).size() > 1) {
                throw SdmxException.syntax("Parameter '" + name + "' is given more than once");
            }
        }
        Dataflow dataflow = SdmxKey.resolveFlow(flow, offered);
        List<List<String>> filters = SdmxKey.parseKey(key, dataflow);
        Integer from = SdmxKey.year("startPeriod", params.getFirst("startPeriod"));
        Integer to = SdmxKey.year("endPeriod", params.getFirst("endPeriod"));
        if (from != null && to != null && from > to) {
            throw SdmxException.semantic("startPeriod " + from + " is after endPeriod " + to);
        }
        String includeHistory = params.getFirst("includeHistory");
        if (includeHistory != null && !includeHistory.equalsIgnoreCase("false")) {
            if (!includeHistory.equalsIgnoreCase("true")) {
                throw SdmxException.syntax("includeHistory must be true or false");
            }
            throw SdmxException.notImplemented("includeHistory=true is not implemented; the revision history is at "
                    + "/api/indicators/v1/observations/vintages, and asOf=<instant> answers any past state");
        }
        Detail detail = Detail.FULL;
        String d = params.getFirst("detail");
        if (d != null) {
            try {
                detail = Detail.valueOf(d.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw SdmxException.syntax("detail must be full, dataonly, serieskeysonly or nodata, got '" + d + "'");
            }
        }
        String atObservation = params.getFirst("dimensionAtObservation");
        if (atObservation == null || atObservation.isBlank()) {
            atObservation = TIME_PERIOD;
        } else if (atObservation.equalsIgnoreCase(ALL_DIMENSIONS)) {
            atObservation = ALL_DIMENSIONS;
        } else if (!atObservation.equals(TIME_PERIOD) && dataflow.dimensions().stream().noneMatch(x -> x.id().equals(
                params.getFirst("dimensionAtObservation")))) {
            throw SdmxException.semantic("dimensionAtObservation must be TIME_PERIOD, AllDimensions or a dimension of "
                    + dataflow.dsd() + " (" + String.join(", ", dataflow.keyTemplate().split("\\.")) + "), got '" + atObservation + "'");
        }
        Integer firstN = positive("firstNObservations", params.getFirst("firstNObservations"));
        Integer lastN = positive("lastNObservations", params.getFirst("lastNObservations"));
        if ((firstN != null || lastN != null) && !atObservation.equals(TIME_PERIOD)) {
            throw SdmxException.notImplemented("firstNObservations/lastNObservations are implemented for time series "
                    + "(dimensionAtObservation=TIME_PERIOD) only");
        }
        if (atObservation.equals(ALL_DIMENSIONS) && (detail == Detail.SERIESKEYSONLY || detail == Detail.NODATA)) {
            throw SdmxException.semantic("detail=" + d + " needs series: it cannot be combined with dimensionAtObservation=AllDimensions");
        }
        return new DataQuery(flow, dataflow, filters, provider == null || provider.equalsIgnoreCase("all") ? null : provider, from, to,
                instant("updatedAfter", params.getFirst("updatedAfter")), instant("asOf", params.getFirst("asOf")),
                firstN, lastN, detail, atObservation, format);
    }

    /** Normalised: the same question asked differently (Accept vs format, 'all' vs empty key) shares one entry. */
    public String cacheKey() {
        return String.join("|", dataflow.id(), format.name(), key.toString(), String.valueOf(provider), String.valueOf(startYear),
                String.valueOf(endYear), String.valueOf(updatedAfter), String.valueOf(asOf), String.valueOf(firstN),
                String.valueOf(lastN), detail.name(), dimensionAtObservation);
    }

    private static Integer positive(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw SdmxException.syntax(name + " must be a positive integer, got '" + text + "'");
    }

    static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            // '+' of an offset arrives as a space when the client did not percent-encode it
            return OffsetDateTime.parse(text.replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw SdmxException.syntax(name + " '" + text + "' is not an ISO 8601 date-time (e.g. 2025-06-30T00:00:00Z)");
            }
        }
    }
}
