package org.wsis.gateway.policy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A path glob from config: {@code *} matches exactly one path segment, {@code **} any number of
 * segments (zero included); everything else is literal.
 */
public final class PathPattern {

    private final String glob;
    private final Pattern regex;

    private PathPattern(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    public static PathPattern of(String glob) {
        if (!glob.startsWith("/")) {
            throw new IllegalArgumentException("a route path must start with '/': " + glob);
        }
        StringBuilder regex = new StringBuilder();
        String[] segments = glob.substring(1).split("/", -1);
        for (String segment : segments) {
            if (segment.equals("**")) {
                regex.append("(/[^/]+)*");
            } else if (segment.equals("*")) {
                regex.append("/[^/]+");
            } else {
                regex.append('/').append(Pattern.quote(segment));
            }
        }
        return new PathPattern(glob, Pattern.compile(regex.toString()));
    }

    /** @param path a {@link #canonical} path */
    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /**
     * The path as the service will route it, so a route's limits cannot be side-stepped by spelling
     * it differently: {@code /votes/}, {@code /votes;x=1}, {@code /votes/.}, {@code /v%6Ftes} and
     * {@code //votes} are all {@code /votes} here, as they are to the service (matrix parameters
     * dropped, percent-escapes decoded, empty and "." segments removed, ".." resolved, no trailing
     * slash). Empty when the path is ambiguous (an encoded '/' or '\', a control character, a
     * ".." or "." that only appears once decoded, malformed escapes): such a path is refused, not guessed.
     */
    public static Optional<String> canonical(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : rawPath.substring(1).split("/", -1)) {
            int matrix = segment.indexOf(';');
            String plain = matrix >= 0 ? segment.substring(0, matrix) : segment;
            String decoded = decode(plain);
            if (decoded == null || decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0 || hasControl(decoded)) {
                return Optional.empty();
            }
            boolean dotted = decoded.equals(".") || decoded.equals("..");
            if (dotted && !decoded.equals(plain)) {
                return Optional.empty(); // "%2e%2e": a dot segment in disguise
            }
            if (decoded.isEmpty() || decoded.equals(".")) {
                continue;
            }
            if (decoded.equals("..")) {
                if (segments.pollLast() == null) {
                    return Optional.empty(); // above the root
                }
                continue;
            }
            segments.addLast(decoded);
        }
        return Optional.of("/" + String.join("/", segments));
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** Strict UTF-8 percent-decoding; null for a malformed escape or invalid UTF-8. */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return null;
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c <= 0xff) {
                bytes.write(c); // the request line is read as ISO-8859-1: one char per raw byte
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Literal characters count most, so {@code /api/prizes/v1/votes} beats {@code /api/prizes/**}. */
    int specificity() {
        return glob.replace("**", "").replace("*", "").length() * 4 - glob.split("\\*\\*", -1).length;
    }

    @Override
    public String toString() {
        return glob;
    }
}
