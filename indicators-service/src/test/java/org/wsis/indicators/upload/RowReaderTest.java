package org.wsis.indicators.upload;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RowReaderTest {

    private static List<String> read(UploadFormat format, String body) throws IOException {
        List<String> out = new ArrayList<>();
        RowReader.read(format, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), new RowReader.Sink() {
            public void row(int line, String[] values) {
                out.add(line + ":" + Arrays.toString(values));
            }

            public void error(int line, String field, String message) {
                out.add(line + "!" + field + ":" + message);
            }
        });
        return out;
    }

    @Test
    void quotedFieldsAndSdmxCsvHeadersMapToStagingColumns() throws IOException {
        List<String> rows = read(UploadFormat.SDMX_CSV, """
                DATAFLOW,FREQ,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,OBS_STATUS,NOTE
                WSIS:DF_ICT(1.0),A,KEN,IT_USE_ii99,2020,1.5,E,"a ""quoted"", note"
                WSIS:DF_ICT(1.0),Q,KEN,IT_USE_ii99,2020,1.5,E,
                """);
        assertEquals("2:[IT_USE_ii99, KEN, null, null, null, 2020, 1.5, E, a \"quoted\", note]", rows.get(0));
        assertEquals("3!FREQ:only annual data (A) is accepted, got 'Q'", rows.get(1));
    }

    @Test
    void jsonObservationsWithUnknownPropertiesAreRowErrors() throws IOException {
        List<String> rows = read(UploadFormat.JSON, """
                {"observations": [{"indicator": "X", "economy": "KEN", "period": 2020, "value": 2.5},
                                  {"indicator": "X", "colour": "red"}]}""");
        assertEquals("1:[X, KEN, null, null, null, 2020, 2.5, null, null]", rows.get(0));
        assertEquals("2!colour:unknown property; expected one of [indicator, economy, sex, age, urbanisation, period, value, status, note]", rows.get(1));
    }

    @Test
    void missingRequiredColumnIsMalformed() {
        assertThrows(RowReader.MalformedUpload.class, () -> read(UploadFormat.CSV, "indicator,economy,value\n"));
    }

    /** Issue 19: a spreadsheet's note with a line break is one quoted field (Commons CSV), not a broken row. */
    @Test
    void aQuotedFieldMaySpanLinesAndLineNumbersStayThoseOfTheFile() throws IOException {
        List<String> rows = read(UploadFormat.CSV, "indicator,economy,period,value,note\r\n"
                + "X,KEN,2020,1.5,\"first line\r\nsecond, line\"\r\n"
                + "\r\n"
                + "X,UGA,2020,2.5\r\n"
                + "X,TZA,2020,3.5,ok");
        assertEquals(List.of(
                "2:[X, KEN, null, null, null, 2020, 1.5, null, first line\r\nsecond, line]",
                "5!line:has 4 fields, the header has 5",
                "6:[X, TZA, null, null, null, 2020, 3.5, null, ok]"), rows);
    }

    @Test
    void anUnclosedQuoteOrAnEndlessLineIsMalformedNotReadWhole() {
        RowReader.MalformedUpload unclosed = assertThrows(RowReader.MalformedUpload.class,
                () -> read(UploadFormat.CSV, "indicator,economy,period,value\nX,KEN,2020,\"1.5\n"));
        org.junit.jupiter.api.Assertions.assertTrue(unclosed.getMessage().startsWith("Line 2 "), unclosed.getMessage());
        RowReader.MalformedUpload endless = assertThrows(RowReader.MalformedUpload.class,
                () -> read(UploadFormat.CSV, "indicator,economy,period,value\nX,KEN,2020,\"" + "9".repeat(200_000)));
        org.junit.jupiter.api.Assertions.assertTrue(endless.getMessage().contains("longer than 65536 characters"), endless.getMessage());
    }
}
