package org.wsis.indicators.upload;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an uploaded CSV, SDMX-CSV or JSON body into rows of the fixed staging layout
 * {@link #COLUMNS}, streaming (a million rows never sit in memory). Only the file's shape is
 * checked here (header, column count, JSON syntax); code lists, numbers and periods are
 * validated afterwards in SQL against the staged rows, so every bad row is reported at once.
 */
public final class RowReader {

    /** Staging column order. */
    public static final List<String> COLUMNS = List.of("indicator", "economy", "sex", "age", "urbanisation", "period", "value", "status", "note");

    /** Header names accepted per staging column (case-insensitive): our own names and SDMX concept ids. */
    private static final Map<String, Integer> HEADER_ALIASES = new HashMap<>();

    static {
        alias(0, "indicator", "indicator_code");
        alias(1, "economy", "ref_area", "economy_code", "country");
        alias(2, "sex");
        alias(3, "age");
        alias(4, "urbanisation", "urbanization");
        alias(5, "period", "time_period", "year");
        alias(6, "value", "obs_value");
        alias(7, "status", "obs_status");
        alias(8, "note", "comment", "obs_note", "comment_obs");
    }

    private static void alias(int column, String... names) {
        for (String name : names) {
            HEADER_ALIASES.put(name, column);
        }
    }

    public interface Sink {
        /** A row in staging layout; null for absent values. */
        void row(int line, String[] values) throws IOException;

        void error(int line, String field, String message) throws IOException;
    }

    /** The whole file is unusable (no header, unknown columns, not JSON): a 400, nothing staged. */
    public static final class MalformedUpload extends RuntimeException {
        public MalformedUpload(String message) {
            super(message);
        }
    }

    private RowReader() {
    }

    public static void read(UploadFormat format, InputStream body, Sink sink) throws IOException {
        if (format == UploadFormat.JSON) {
            readJson(body, sink);
        } else if (format == UploadFormat.SDMX_ML) {
            SdmxMlReader.read(body, sink);
        } else {
            readCsv(format, body, sink);
        }
    }

    /** A longer line is refused (a 200 MB single-line file must not be read into memory). */
    public static final int MAX_LINE_CHARS = 65_536;
    /** Accepted DATAFLOW / STRUCTURE_ID values: this service's one dataflow. */
    private static final java.util.Set<String> FLOW_REFERENCES = java.util.Set.of("WSIS:DF_ICT(1.0)", "WSIS:DF_ICT", "DF_ICT",
            "WSIS,DF_ICT,1.0", "WSIS,DF_ICT");
    /** SDMX-CSV columns whose content follows from the indicator (or is presentation): accepted, not stored. */
    private static final java.util.Set<String> DERIVED_HEADERS = java.util.Set.of("unit_measure", "unit_mult", "decimals",
            "time_format", "unit");

    private enum Special { DATAFLOW, STRUCTURE, STRUCTURE_ID, ACTION, FREQ, OBS_CONF }

    /** RFC 4180 (Commons CSV): quoted fields may hold commas, quotes ("") and line breaks; LF or CRLF line ends. */
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private static void readCsv(UploadFormat format, InputStream body, Sink sink) throws IOException {
        BoundedRecords bounded = new BoundedRecords(decode(body));
        CSVParser parser = CSVParser.parse(bounded, CSV);
        Iterator<CSVRecord> records = parser.iterator();
        CSVRecord headerRecord = next(records, bounded, 1);
        if (headerRecord == null || isBlank(headerRecord)) {
            throw new MalformedUpload("The file is empty: expected a header row");
        }
        List<String> header = headerRecord.toList();
        int[] target = new int[header.size()];     // staging column per file column, -1 = not stored
        Special[] special = new Special[header.size()];
        boolean[] present = new boolean[COLUMNS.size()];
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).trim();
            // SDMX-CSV with labels: "REF_AREA: Reference area"
            int label = name.indexOf(':');
            if (label > 0) {
                name = name.substring(0, label).trim();
            }
            name = name.toLowerCase(Locale.ROOT);
            Integer column = HEADER_ALIASES.get(name);
            target[i] = -1;
            if (column != null) {
                target[i] = column;
                present[column] = true;
            } else if (DERIVED_HEADERS.contains(name)) {
                continue;
            } else {
                try {
                    special[i] = Special.valueOf(name.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new MalformedUpload("Unknown column '" + header.get(i) + "' in the header; expected "
                            + (format == UploadFormat.SDMX_CSV
                            ? "SDMX-CSV: DATAFLOW (1.0) or STRUCTURE,STRUCTURE_ID[,ACTION] (2.0), FREQ,REF_AREA,INDICATOR,SEX,AGE,URBANISATION,TIME_PERIOD,OBS_VALUE[,OBS_STATUS,OBS_CONF,COMMENT_OBS,UNIT_MEASURE,UNIT_MULT,DECIMALS]"
                            : "indicator,economy,period,value[,sex,age,urbanisation,status,note]"));
                }
            }
        }
        for (int required : new int[]{0, 1, 5, 6}) {
            if (!present[required]) {
                throw new MalformedUpload("The header lacks the required column '" + COLUMNS.get(required) + "'");
            }
        }
        long lineNumber = parser.getCurrentLineNumber() + 1; // where the next record starts
        CSVRecord record;
        while ((record = next(records, bounded, lineNumber)) != null) {
            long recordLine = lineNumber;
            lineNumber = parser.getCurrentLineNumber() + 1;
            if (isBlank(record)) {
                continue;
            }
            List<String> fields = record.toList();
            if (fields.size() != header.size()) {
                sink.error(Math.toIntExact(recordLine), "line", "has " + fields.size() + " fields, the header has " + header.size());
                continue;
            }
            String[] values = new String[COLUMNS.size()];
            boolean bad = false;
            for (int i = 0; i < target.length; i++) {
                String value = fields.get(i) == null || fields.get(i).isBlank() ? null : fields.get(i).trim();
                if (target[i] >= 0) {
                    values[target[i]] = target[i] == 8 ? value : code(value);
                } else if (special[i] != null) {
                    String problem = checkSpecial(special[i], code(value));
                    if (problem != null) {
                        sink.error(Math.toIntExact(recordLine), header.get(i).trim(), problem);
                        bad = true;
                    }
                }
            }
            if (!bad) {
                sink.row(Math.toIntExact(recordLine), missingValue(values));
            }
        }
    }

    /** A coded value with its label ("KEN: Kenya", SDMX-CSV labels=both) is its code. */
    private static String code(String value) {
        if (value == null) {
            return null;
        }
        int label = value.indexOf(": ");
        return label > 0 ? value.substring(0, label).trim() : value;
    }

    /** The problem with a structural SDMX-CSV column's value, or null. */
    private static String checkSpecial(Special column, String value) {
        return switch (column) {
            case DATAFLOW, STRUCTURE_ID -> value == null || FLOW_REFERENCES.contains(value) ? null
                    : "names dataflow '" + value + "'; this service takes data for WSIS:DF_ICT(1.0) only";
            case STRUCTURE -> value == null || value.equalsIgnoreCase("dataflow") ? null
                    : "must be 'dataflow' (data are reported against the dataflow WSIS:DF_ICT(1.0)), got '" + value + "'";
            case ACTION -> value == null || Set.of("I", "A", "R").contains(value) ? null
                    : value.equals("D") ? "ACTION=D (delete) is refused: published values are never deleted; send a revision, or status M/L/O for a value that should not exist"
                    : "unknown ACTION '" + value + "' (I, A, R; D is refused)";
            case FREQ -> value == null || value.equals("A") ? null : "only annual data (A) is accepted, got '" + value + "'";
            case OBS_CONF -> value == null || value.equals("F") ? null
                    : "OBS_CONF '" + value + "': only free (F) observations are accepted on this public platform";
        };
    }

    /** SDMX missing values: NaN (or an empty value) is a missing observation, status M unless another is given. */
    private static String[] missingValue(String[] values) {
        if ("NaN".equals(values[6])) {
            values[6] = null;
            if (values[7] == null) {
                values[7] = "M";
            }
        }
        return values;
    }

    /**
     * The body as characters: UTF-8 (a BOM is skipped) or UTF-16 with a BOM; UTF-16 without a BOM and
     * invalid UTF-8 are refused with a message saying so (not a database error).
     */
    static Reader decode(InputStream body) throws IOException {
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(body, 1 << 16);
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        java.nio.charset.Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            skip = 3;
        } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (head.length >= 2 && (head[0] == 0 || head[1] == 0)) {
            throw new MalformedUpload("The file looks like UTF-16 without a byte order mark; save it as UTF-8 (or UTF-16 with a BOM)");
        }
        in.skipNBytes(skip);
        java.nio.charset.CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    }

    /** The next record, null at the end; what the parser cannot read is the upload's fault, said with its line. */
    private static CSVRecord next(Iterator<CSVRecord> records, BoundedRecords bounded, long lineNumber) {
        bounded.startRecord(lineNumber);
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                throw new MalformedUpload("Line " + lineNumber + " is not valid UTF-8; save the file as UTF-8");
            }
            if (e.getCause() instanceof RecordTooLong tooLong) {
                throw new MalformedUpload(tooLong.getMessage());
            }
            throw new MalformedUpload("Line " + lineNumber + " is not CSV: " + e.getCause().getMessage());
        }
    }

    /** An empty line (a record of one empty field): skipped, as spreadsheets leave them. */
    private static boolean isBlank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isEmpty();
    }

    /**
     * The characters under the parser, refusing a record longer than MAX_LINE_CHARS (a 200 MB single-line
     * file, or an unterminated quote, must not be read into memory). Counted from where the parser
     * started the record, plus what its buffer read ahead: a bound, not an exact length.
     */
    private static final class BoundedRecords extends java.io.FilterReader {
        private long lineNumber;
        private long charsInRecord;

        BoundedRecords(Reader in) {
            super(in);
        }

        void startRecord(long lineNumber) {
            this.lineNumber = lineNumber;
            this.charsInRecord = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c < 0 ? 0 : 1);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int chars) throws RecordTooLong {
            charsInRecord += chars;
            if (charsInRecord > MAX_LINE_CHARS + READ_AHEAD) {
                throw new RecordTooLong("Line " + lineNumber + " is longer than " + MAX_LINE_CHARS
                        + " characters; an observation line is far shorter (is the file really CSV with \\n line ends,"
                        + " and is every quote closed?)");
            }
        }
    }

    /** The parser reads ahead by at most its buffer. */
    private static final int READ_AHEAD = 8192;

    private static final class RecordTooLong extends IOException {
        RecordTooLong(String message) {
            super(message);
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private static void readJson(InputStream body, Sink sink) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedUpload("Expected a JSON object {\"observations\": [...]}");
            }
            boolean sawObservations = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!"observations".equals(name)) {
                    throw new MalformedUpload("Unknown property '" + name + "': the body is {\"observations\": [...]}");
                }
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    throw new MalformedUpload("'observations' must be an array");
                }
                sawObservations = true;
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    index++;
                    if (parser.currentToken() != JsonToken.START_OBJECT) {
                        sink.error(index, "observations[" + (index - 1) + "]", "must be an object");
                        parser.skipChildren();
                        continue;
                    }
                    readJsonObservation(parser, index, sink);
                }
            }
            if (!sawObservations) {
                throw new MalformedUpload("The body has no 'observations' array");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // syntax errors and Jackson's size limits (a 200 MB string) alike
            throw new MalformedUpload("Malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static void readJsonObservation(JsonParser parser, int index, Sink sink) throws IOException {
        String[] values = new String[COLUMNS.size()];
        boolean bad = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            Integer column = HEADER_ALIASES.get(name.toLowerCase(Locale.ROOT));
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
                sink.error(index, name, "must be a string or a number");
                bad = true;
            } else if (column == null) {
                sink.error(index, name, "unknown property; expected one of " + COLUMNS);
                bad = true;
            } else if (token != JsonToken.VALUE_NULL) {
                values[column] = parser.getText().trim();
            }
        }
        if (!bad) {
            sink.row(index, missingValue(values));
        }
    }
}
