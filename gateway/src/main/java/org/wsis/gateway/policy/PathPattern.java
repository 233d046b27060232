package org.wsis.gateway.policy;

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

    public boolean matches(String path) {
        return regex.matcher(path).matches();
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
