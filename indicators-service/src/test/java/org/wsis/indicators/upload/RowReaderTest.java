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
}
