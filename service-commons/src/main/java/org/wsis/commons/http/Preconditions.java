package org.wsis.commons.http;

import jakarta.ws.rs.core.EntityTag;
import org.wsis.commons.problem.ProblemException;

/**
 * Optimistic concurrency over HTTP: reads return an ETag, updates must send it back in If-Match.
 * A missing If-Match is 428, a stale one 412, so two editors never silently overwrite each other.
 */
public final class Preconditions {
    private Preconditions() {
    }

    /** The ETag of a versioned resource: strong, built from its id and version. */
    public static EntityTag etag(Object id, long version) {
        return new EntityTag(id + "-" + version);
    }

    public static void requireIfMatch(String ifMatch, EntityTag current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired("Send the resource's ETag in If-Match to update it");
        }
        String expected = "\"" + current.getValue() + "\"";
        boolean matches = ifMatch.trim().equals("*") || java.util.Arrays.stream(ifMatch.split(","))
                .map(String::trim).map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(expected::equals);
        if (!matches) {
            throw ProblemException.preconditionFailed("The resource changed since you read it (ETag " + expected
                    + "); read it again and reapply your change");
        }
    }
}
