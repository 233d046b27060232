package org.wsis.logging;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Every log line is one line: control characters in a message (a CR/LF or NUL in a request path
 * decoded into "Input refused by PostgreSQL on /api/v1/...", or in the access log) are written as
 * escapes ({@code \r}, {@code \n}, {@code \u0000}), so nobody can forge a log line from outside.
 * Installed on the console handler by {@code quarkus.log.console.filter=wsis-escape-control-characters}
 * (service-commons' defaults; the gateway's application.properties). It lives here, in the one module
 * both the gateway and the services depend on, so there is one copy. Never drops a record. Stack
 * traces (%e) are not touched.
 */
@LoggingFilter(name = "wsis-escape-control-characters")
public final class ControlCharacterEscaping implements Filter {
    private static final SimpleFormatter PLAIN = new SimpleFormatter();

    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : PLAIN.formatMessage(record);
        if (formatted != null && needsEscaping(formatted)) {
            String escaped = escape(formatted);
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(escaped, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(escaped);
            }
            record.setParameters(null);
        }
        return true;
    }

    static boolean needsEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
