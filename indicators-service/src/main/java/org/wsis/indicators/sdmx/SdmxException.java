package org.wsis.indicators.sdmx;

/**
 * An error on an /sdmx route, answered as an SDMX error message (not problem+json) with the
 * SDMX REST status mapping: 100 no results found -> 404, 140 syntax error -> 400, 150 semantic
 * error -> 400, 406 not acceptable, 510 response too large -> 413.
 */
public class SdmxException extends RuntimeException {
    private final int code;
    private final int httpStatus;

    public SdmxException(int code, int httpStatus, String message) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public static SdmxException noResults(String detail) {
        return new SdmxException(100, 404, detail);
    }

    public static SdmxException syntax(String detail) {
        return new SdmxException(140, 400, detail);
    }

    public static SdmxException semantic(String detail) {
        return new SdmxException(150, 400, detail);
    }

    /** SDMX 501: a resource or parameter value the standard defines that this service does not implement. */
    public static SdmxException notImplemented(String detail) {
        return new SdmxException(501, 501, detail);
    }

    public static SdmxException notAcceptable(String detail) {
        return new SdmxException(406, 406, detail);
    }

    public static SdmxException unavailable(String detail) {
        return new SdmxException(503, 503, detail);
    }

    public static SdmxException tooLarge(String detail) {
        return new SdmxException(510, 413, detail);
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return switch (code) {
            case 100 -> "No Results Found";
            case 140 -> "Syntax error";
            case 150 -> "Semantic error";
            case 406 -> "Not Acceptable";
            case 501 -> "Not implemented";
            case 503 -> "Service unavailable";
            case 510 -> "Response size exceeds service limit";
            default -> "Error";
        };
    }
}
