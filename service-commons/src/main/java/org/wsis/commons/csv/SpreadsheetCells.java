package org.wsis.commons.csv;

import org.apache.commons.csv.CSVFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * CSV cells that a spreadsheet will show as text, never run: a cell that starts with = + - @ or with
 * any blank (tab, carriage return, space, no-break space: spreadsheets trim those and then read
 * "=..." as a formula) gets a leading apostrophe (OWASP "CSV injection"). The CSV itself (RFC 4180
 * quoting, CRLF record ends) is Commons CSV's. Every CSV export of the platform uses this.
 */
public final class SpreadsheetCells {
    private static final CSVFormat CSV = CSVFormat.RFC4180;

    private SpreadsheetCells() {
    }

    /** One cell, quoted where RFC 4180 needs it (null: empty). */
    public static String cell(Object value) {
        String text = defused(value);
        if (text.isEmpty()) {
            return ""; // alone, Commons CSV would quote it ("") as the start of a record
        }
        StringBuilder out = new StringBuilder();
        try {
            CSV.print(text, out, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    /** One record, its cells defused and quoted, ended by CRLF. */
    public static void row(StringBuilder out, List<?> cells) {
        try {
            CSV.printRecord(out, cells.stream().map(SpreadsheetCells::defused).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
    }

    private static String defused(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        return runsAsFormula(text) ? "'" + text : text;
    }

    /** A formula character first, or any blank first (spreadsheets trim blanks, then parse "=..."). */
    static boolean runsAsFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return "=+-@".indexOf(first) >= 0 || Character.isWhitespace(first) || Character.isSpaceChar(first);
    }
}
