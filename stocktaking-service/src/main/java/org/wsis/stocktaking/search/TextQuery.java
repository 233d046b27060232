package org.wsis.stocktaking.search;

/**
 * The search words as PostgreSQL's websearch_to_tsquery may take them. A '-' there is a NOT; a run
 * of NOTs that never reaches a word ("- - - ...", "-!-!", "-(-(") piles up on the parser's stack,
 * and from 32 on PostgreSQL fails the whole query ("tsquery stack too small", an internal error: a
 * 500 for anyone typing dashes). A '-' means something only right before a word or a quoted phrase,
 * so every other '-' is read as the blank it effectively is.
 */
final class TextQuery {
    private TextQuery() {
    }

    static String websearchSafe(String q) {
        StringBuilder out = new StringBuilder(q.length());
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (c == '-' && !(i + 1 < q.length() && startsTerm(q.charAt(i + 1)))) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean startsTerm(char c) {
        return Character.isLetterOrDigit(c) || c == '"';
    }
}
