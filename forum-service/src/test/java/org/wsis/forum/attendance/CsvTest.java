package org.wsis.forum.attendance;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The attendee export: a participant's name or organisation is never run by a spreadsheet. */
class CsvTest {
    @Test
    void formulaAndBlankLedCellsAreDefused() {
        StringBuilder out = new StringBuilder();
        Csv.row(out, Arrays.asList("=1+1", "\t=cmd|' /C calc'!A0", " @SUM(A1)", "Ada", null, "a, b"));
        assertEquals("'=1+1,'\t=cmd|' /C calc'!A0,' @SUM(A1),Ada,,\"a, b\"\r\n", out.toString());
    }
}
