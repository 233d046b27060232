package org.wsis.indicators.upload;

import org.wsis.commons.problem.ProblemException;

import java.util.Locale;

/** The body formats an agency may upload, chosen by Content-Type. */
public enum UploadFormat {
    /** Plain CSV with a header row: indicator,economy,period,value[,sex,age,urbanisation,status,note]. */
    CSV,
    /** SDMX-CSV 1.0 (DATAFLOW,FREQ,REF_AREA,INDICATOR,SEX,AGE,URBANISATION,TIME_PERIOD,OBS_VALUE,OBS_STATUS,...). */
    SDMX_CSV,
    /** {"observations": [{"indicator": .., "economy": .., "period": 2023, "value": 1.5, ...}]}. */
    JSON,
    /** SDMX-ML 2.1 data, structure-specific or generic (told apart by the root element). */
    SDMX_ML;

    public static final String SDMX_CSV_TYPE = "application/vnd.sdmx.data+csv";

    /**
     * The charset a CSV upload declares (Content-Type charset=...), null when none: honoured for CSV and
     * SDMX-CSV (the body is transcoded to UTF-8); SDMX-ML and JSON carry their own encoding. An unknown
     * charset is a 415.
     */
    public static java.nio.charset.Charset declaredCharset(String contentType) {
        java.util.regex.Matcher charset = java.util.regex.Pattern.compile("charset=\"?([^;\"\\s]+)")
                .matcher(contentType == null ? "" : contentType.toLowerCase(Locale.ROOT));
        if (!charset.find()) {
            return null;
        }
        try {
            return java.nio.charset.Charset.forName(charset.group(1));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(org.wsis.commons.problem.Problem.of(415, "unsupported-charset", "Unsupported character encoding",
                    "Unknown charset '" + charset.group(1) + "'; upload UTF-8 (or declare the file's charset, e.g. ISO-8859-1)"));
        }
    }

    public static UploadFormat fromContentType(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/vnd.sdmx.structurespecificdata+xml") || type.startsWith("application/vnd.sdmx.genericdata+xml")
                || type.startsWith("application/xml") || type.startsWith("text/xml")) {
            return SDMX_ML;
        }
        if (type.startsWith(SDMX_CSV_TYPE)) {
            return SDMX_CSV;
        }
        if (type.startsWith("text/csv")) {
            return CSV;
        }
        if (type.startsWith("application/json")) {
            return JSON;
        }
        throw new ProblemException(org.wsis.commons.problem.Problem.of(415, "unsupported-media-type", "Unsupported upload format",
                "Upload text/csv, " + SDMX_CSV_TYPE + " (SDMX-CSV 1.0 or 2.0), application/vnd.sdmx.structurespecificdata+xml, "
                        + "application/vnd.sdmx.genericdata+xml (SDMX-ML 2.1) or application/json; got '" + contentType + "'"));
    }
}
