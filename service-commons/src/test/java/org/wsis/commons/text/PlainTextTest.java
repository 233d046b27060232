package org.wsis.commons.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** The one rule against control characters, as {@code @Pattern} applies it (a whole-string match). */
class PlainTextTest {
    record Text(@Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String title,
                @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String description) {
    }

    @Test
    void refusesEveryControlCharacterC0DelAndC1() {
        for (char c : new char[] {'\u0000', '\u0007', '\t', '\u001B', '\u007F', '\u0080', '\u0085', '\u009B', '\u009F'}) {
            String text = "Rural" + c + "schools";
            assertFalse(PlainText.isOneLine(text), () -> "one line took U+" + Integer.toHexString(c));
            assertFalse(PlainText.isMultiLine(text), () -> "several lines took U+" + Integer.toHexString(c));
        }
        assertFalse(PlainText.isOneLine("line one\nline two"));
        assertFalse(PlainText.isOneLine("line one\r\nline two"));
    }

    @Test
    void takesLineBreaksInSeveralLinesAndFormatCharactersEverywhere() {
        assertTrue(PlainText.isMultiLine("line one\r\nline two\n\nline four"));
        // ZWNJ in Persian, ZWJ, the right-to-left and left-to-right marks, a supplementary character
        String persian = "می\u200Cخواهم \u200D \u200F \u200E \uD83C\uDF0D";
        assertTrue(PlainText.isOneLine(persian));
        assertTrue(PlainText.isMultiLine(persian));
        assertTrue(PlainText.isOneLine(""));
        assertTrue(PlainText.isOneLine(null));
    }

    @Test
    void aLinkHasNoSpaceAndNoControlCharacter() {
        java.util.regex.Pattern https = java.util.regex.Pattern.compile("https://" + PlainText.LINK_REST);
        assertTrue(https.matcher("https://example.org/forum/session?id=12&lang=ar#live").matches());
        assertTrue(https.matcher("https://例え.jp/قمة").matches());
        for (String bad : new String[] {"https://example.org/\u0000x", "https://example.org/\u0007", "https://example.org/\u0085",
                "https://example.org/a b", "https://example.org/\t", "https://"}) {
            assertFalse(https.matcher(bad).matches(), bad);
        }
    }

    @Test
    void aLongTextIsMatchedWithoutRecursion() {
        String longLine = "مدارس ريفية rural schools ".repeat(4_000).substring(0, 100_000);
        String longLines = "line\r\n".repeat(10_000) + "x".repeat(40_000);
        assertEquals(100_000, longLine.length());
        assertEquals(100_000, longLines.length());
        assertTrue(PlainText.isOneLine(longLine)); // a StackOverflowError would fail the test
        assertTrue(PlainText.isMultiLine(longLines));
        assertFalse(PlainText.isOneLine(longLine + "\u0000"));
    }

    @Test
    void aBeanValidationPatternRefusesTheSameTextWithTheOneMessage() {
        try (ValidatorFactory factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory()) {
            var validator = factory.getValidator();
            var violations = validator.validate(new Text("Bell\u0007", "two\nlines\u0085"));
            assertEquals(2, violations.size(), violations::toString);
            violations.forEach(v -> assertEquals(PlainText.MESSAGE, v.getMessage()));
            assertTrue(validator.validate(new Text("مدارس\u200Cريفية", "two\r\nlines")).isEmpty());
            assertTrue(validator.validate(new Text("x".repeat(100_000), "y\n".repeat(50_000))).isEmpty());
        }
    }
}
