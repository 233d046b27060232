package org.wsis.commons.csv;

/**
 * One CSV cell (RFC 4180 quoting) that a spreadsheet will show as text, never run: a cell that
 * starts with = + - @ or with any blank (tab, carriage return, space, no-break space: spreadsheets
 * trim those and then read "=..." as a formula) gets a leading apostrophe (OWASP "CSV injection").
 * Every CSV export of the platform uses this.
 */
public final class SpreadsheetCells {
    private SpreadsheetCells() {
    }

    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (runsAsFormula(text)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
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
