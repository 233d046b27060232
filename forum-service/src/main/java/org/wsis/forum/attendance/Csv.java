package org.wsis.forum.attendance;

import org.wsis.commons.csv.SpreadsheetCells;

import java.util.List;

/** RFC 4180 CSV, with cells that a spreadsheet would run as a formula neutralised (service-commons' SpreadsheetCells). */
final class Csv {
    static final String MEDIA_TYPE = "text/csv";

    private Csv() {
    }

    static void row(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(Object value) {
        return SpreadsheetCells.cell(value);
    }
}
