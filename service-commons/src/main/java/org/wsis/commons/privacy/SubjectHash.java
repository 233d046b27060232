package org.wsis.commons.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an erasure names its person: the SHA-256 (hex) of the token subject. Erasure records and the events that
 * carry an erasure between services hold this hash, never the subject, so they keep nothing the erasure removes;
 * each service finds the person's rows with {@link #matches} (PostgreSQL's own sha256, no extension needed).
 */
public final class SubjectHash {
    private SubjectHash() {
    }

    public static String of(String subject) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** An SQL condition true for rows whose {@code column} (a subject) hashes to the parameter {@code ?n}. */
    public static String matches(String column, int parameter) {
        return "encode(sha256(convert_to(" + column + ", 'UTF8')), 'hex') = ?" + parameter;
    }
}
