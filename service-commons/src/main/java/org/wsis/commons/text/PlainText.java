package org.wsis.commons.text;

/**
 * The one rule for text people send (titles, names, descriptions, comments, reasons, ...): no control characters,
 * Unicode general category Cc, so C0, DEL and the C1 range U+0080-U+009F alike. PostgreSQL refuses NUL in text and
 * jsonb, and BEL, ESC or CSI are never meant in what others read; {@code @Pattern(regexp = PlainText.ONE_LINE,
 * message = PlainText.MESSAGE)} makes such text a 400 naming the field in every service. Format characters (Cf:
 * ZWJ, ZWNJ, bidi marks) are text: Arabic and Persian need them.
 * <p>
 * Each pattern is one character class with {@code *}: java.util.regex matches it in a loop, where an alternation
 * would recurse once per character and overflow the stack on long input.
 */
public final class PlainText {
    private PlainText() {
    }

    /**
     * One line: a title, a name, an organisation. In brackets although one property: the OpenAPI document carries the
     * pattern, and an ECMA-262 engine without the u flag (the contract test's validator) reads a bare {@code \P{Cc}} as
     * the letters "P{Cc}"; in brackets it is at worst a class of letters, so {@code *} still matches.
     */
    public static final String ONE_LINE = "[\\P{Cc}]*";
    /** Several lines: a description, a comment, a reason; line feeds and carriage returns only. */
    public static final String MULTI_LINE = "[\\P{Cc}\\r\\n]*";
    public static final String MESSAGE = "must not contain control characters";
    /**
     * The rest of a link after its scheme ({@code "https://" + LINK_REST}): no space and no control character (C0, DEL,
     * C1). Written with {@code \x} ranges, which ECMA-262 engines read as Java does, with or without the u flag.
     */
    public static final String LINK_REST = "[^\\s\\x00-\\x1F\\x7F-\\x9F]+";

    private static final java.util.regex.Pattern ONE_LINE_TEXT = java.util.regex.Pattern.compile(ONE_LINE);
    private static final java.util.regex.Pattern MULTI_LINE_TEXT = java.util.regex.Pattern.compile(MULTI_LINE);

    /** For text checked by hand rather than by {@code @Pattern}; null is no text, hence no control character. */
    public static boolean isOneLine(String text) {
        return text == null || ONE_LINE_TEXT.matcher(text).matches();
    }

    /** {@link #isOneLine}, line breaks allowed. */
    public static boolean isMultiLine(String text) {
        return text == null || MULTI_LINE_TEXT.matcher(text).matches();
    }
}
