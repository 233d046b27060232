package org.wsis.prizes.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The vote ledger's digest: SHA-256 of each entry's canonical line is a leaf; each level hashes pairs of
 * the level below (a lone last node moves up unchanged); the root is the last node. JDK only, so the
 * recount command and anyone else can recompute it.
 */
public final class Merkle {
    private Merkle() {
    }

    /** The canonical line of a ledger entry: position|voter|category|submission|status|reason. */
    public static String line(int position, String voterHmac, String category, String submissionId, String status, String reason) {
        return position + "|" + voterHmac + "|" + category + "|" + submissionId + "|" + status + "|" + (reason == null ? "" : reason);
    }

    public static String root(List<String> lines) {
        if (lines.isEmpty()) {
            return HexFormat.of().formatHex(sha256(new byte[0]));
        }
        List<byte[]> level = new ArrayList<>(lines.size());
        for (String line : lines) {
            level.add(sha256(line.getBytes(StandardCharsets.UTF_8)));
        }
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                if (i + 1 == level.size()) {
                    up.add(level.get(i));
                } else {
                    byte[] pair = new byte[64];
                    System.arraycopy(level.get(i), 0, pair, 0, 32);
                    System.arraycopy(level.get(i + 1), 0, pair, 32, 32);
                    up.add(sha256(pair));
                }
            }
            level = up;
        }
        return HexFormat.of().formatHex(level.get(0));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
