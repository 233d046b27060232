package org.wsis.indicators.upload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    /** SDMX-CSV columns that are accepted but carry nothing to store. */
    private static final List<String> IGNORED_HEADERS = List.of("dataflow", "unit_measure", "unit_mult", "freq");

    static {
        alias(0, "indicator", "indicator_code");
        alias(1, "economy", "ref_area", "economy_code", "country");
        alias(2, "sex");
        alias(3, "age");
        alias(4, "urbanisation", "urbanization");
        alias(5, "period", "time_period", "year");
        alias(6, "value", "obs_value");
        alias(7, "status", "obs_status");
        alias(8, "note", "comment", "obs_note");
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

    /** Longest CSV line read (a row is a few hundred characters): one endless "line" must not fill the heap. */
    static final int MAX_LINE_CHARS = 64 * 1024;

    private RowReader() {
    }

    /** {@link BufferedReader#readLine()} that refuses a line longer than {@link #MAX_LINE_CHARS}. */
    static String readLine(BufferedReader reader, int lineNumber) throws IOException {
        StringBuilder line = null;
        while (true) {
            int c = reader.read();
            if (c < 0) {
                return line == null ? null : line.toString();
            }
            if (line == null) {
                line = new StringBuilder(128);
            }
            if (c == '\n') {
                return line.toString();
            }
            if (c == '\r') {
                reader.mark(1);
                if (reader.read() != '\n') {
                    reader.reset();
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE_CHARS) {
                throw new MalformedUpload("Line " + lineNumber + " is longer than " + MAX_LINE_CHARS + " characters");
            }
            line.append((char) c);
        }
    }

    public static void read(UploadFormat format, InputStream body, Sink sink) throws IOException {
        if (format == UploadFormat.JSON) {
            readJson(body, sink);
        } else {
            readCsv(format, body, sink);
        }
    }

    private static void readCsv(UploadFormat format, InputStream body, Sink sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        String headerLine = readLine(reader, 1);
        if (headerLine == null || headerLine.isBlank()) {
            throw new MalformedUpload("The file is empty: expected a header row");
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = splitCsv(headerLine);
        int[] target = new int[header.size()];     // staging column per file column, -1 = ignored
        int freqColumn = -1;
        boolean[] present = new boolean[COLUMNS.size()];
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).trim().toLowerCase(Locale.ROOT);
            // SDMX-CSV 2.0 writes "STRUCTURE_ID"/"STRUCTURE"; SDMX-CSV 1.0 "DATAFLOW"
            Integer column = HEADER_ALIASES.get(name);
            if (column != null) {
                target[i] = column;
                present[column] = true;
            } else if (IGNORED_HEADERS.contains(name) || name.equals("structure") || name.equals("structure_id") || name.equals("action")) {
                target[i] = -1;
                if (name.equals("freq")) {
                    freqColumn = i;
                }
            } else {
                throw new MalformedUpload("Unknown column '" + header.get(i) + "' in the header; expected "
                        + (format == UploadFormat.SDMX_CSV ? "DATAFLOW,FREQ,REF_AREA,INDICATOR,SEX,AGE,URBANISATION,TIME_PERIOD,OBS_VALUE,OBS_STATUS" : "indicator,economy,period,value[,sex,age,urbanisation,status,note]"));
            }
        }
        for (int required : new int[]{0, 1, 5, 6}) {
            if (!present[required]) {
                throw new MalformedUpload("The header lacks the required column '" + COLUMNS.get(required) + "'");
            }
        }
        String line;
        int lineNumber = 1;
        while ((line = readLine(reader, lineNumber + 1)) != null) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields;
            try {
                fields = splitCsv(line);
            } catch (IllegalArgumentException e) {
                sink.error(lineNumber, "line", e.getMessage());
                continue;
            }
            if (fields.size() != header.size()) {
                sink.error(lineNumber, "line", "has " + fields.size() + " fields, the header has " + header.size());
                continue;
            }
            if (freqColumn >= 0 && fields.get(freqColumn) != null && !"A".equals(fields.get(freqColumn))) {
                sink.error(lineNumber, "FREQ", "only annual data (A) is accepted, got '" + fields.get(freqColumn) + "'");
                continue;
            }
            String[] values = new String[COLUMNS.size()];
            for (int i = 0; i < target.length; i++) {
                if (target[i] >= 0) {
                    String value = fields.get(i);
                    values[target[i]] = value == null || value.isBlank() ? null : value.trim();
                }
            }
            sink.row(lineNumber, values);
        }
    }

    /** RFC 4180 fields of one line; "" inside quotes is a quote. Fields spanning lines are refused. */
    static List<String> splitCsv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.isEmpty() && !wasQuoted ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field (values may not span lines)");
        }
        fields.add(field.isEmpty() && !wasQuoted ? null : field.toString());
        return fields;
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
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
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
            sink.row(index, values);
        }
    }
}
