package org.wsis.forum.session;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes an agenda as RFC 5545 iCalendar text: CRLF line ends, content lines folded at 75 octets
 * (never inside a UTF-8 character), TEXT values escaped, all times in UTC.
 */
public final class ICalendar {
    public static final String MEDIA_TYPE = "text/calendar";
    private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final int MAX_OCTETS = 75;

    private ICalendar() {
    }

    public static String of(String calendarName, List<ForumSession> sessions, OffsetDateTime stamp) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//ITU//WSIS Forum agenda//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text(calendarName));
        for (ForumSession s : sessions) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + s.id + "@forum.wsis.org");
            line(out, "DTSTAMP:" + utc(stamp));
            line(out, "DTSTART:" + utc(s.startsAt));
            line(out, "DTEND:" + utc(s.endsAt));
            line(out, "SUMMARY:" + text(s.title));
            String location = s.room != null && !s.room.isBlank() ? s.room : s.onlineLink;
            if (location != null) {
                line(out, "LOCATION:" + text(location));
            }
            if (s.onlineLink != null) {
                line(out, "URL:" + s.onlineLink);
            }
            if (s.description != null && !s.description.isBlank()) {
                line(out, "DESCRIPTION:" + text(s.description));
            }
            line(out, "CATEGORIES:" + s.kind.name() + (s.actionLines.isEmpty() ? "" : "," + String.join(",", s.actionLines)));
            // RFC 5545 3.8.1.11 and 3.8.7.4: a calendar that imported the session updates it (same UID, higher SEQUENCE)
            line(out, "SEQUENCE:" + s.version);
            line(out, "STATUS:" + (s.status == ForumSession.Status.CANCELLED ? "CANCELLED" : "CONFIRMED"));
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    static String utc(OffsetDateTime time) {
        return UTC_STAMP.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Appends one content line, folded: each physical line at most 75 octets, continuations start with a space. */
    static void line(StringBuilder out, String contentLine) {
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int i = 0; i < contentLine.length(); ) {
            int codePoint = contentLine.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = MAX_OCTETS - 1; // the leading space counts
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
