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
    JSON;

    public static final String SDMX_CSV_TYPE = "application/vnd.sdmx.data+csv";

    public static UploadFormat fromContentType(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
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
                "Upload text/csv, " + SDMX_CSV_TYPE + " or application/json; got '" + contentType + "'"));
    }
}
