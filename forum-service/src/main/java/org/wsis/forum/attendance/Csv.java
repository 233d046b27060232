package org.wsis.forum.attendance;

import org.wsis.commons.csv.SpreadsheetCells;

import java.util.List;

/** RFC 4180 CSV (Commons CSV), with cells that a spreadsheet would run as a formula neutralised (service-commons' SpreadsheetCells). */
final class Csv {
    static final String MEDIA_TYPE = "text/csv";

    private Csv() {
    }

    static void row(StringBuilder out, List<?> cells) {
        SpreadsheetCells.row(out, cells);
    }

    static String cell(Object value) {
        return SpreadsheetCells.cell(value);
    }
}
