package org.wsis.prizes.eligibility;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The identity of an organisation as a comparable key. Stocktaking entries carry the organisation's name
 * as free text (no organisation id), so two spellings of one organisation must compare equal: "ITU",
 * " itu ", "I\u200BTU" (zero-width space), "ＩＴＵ" (full-width) and "International  Telecommunication Union"
 * with a no-break space all give the same key as their plain form. Used by the conflict-of-interest rule
 * and the previous-winner rule, where a zero-width character must not make a different organisation.
 */
public final class OrganisationIdentity {
    private OrganisationIdentity() {
    }

    /**
     * NFKC (compatibility forms: full-width letters, ligatures, no-break spaces), then every format
     * character removed (category Cf: zero-width space/joiners, soft hyphen, bidi marks, BOM) and every
     * other control character made a space, then case folded (upper then lower case, so "ß"/"SS" and
     * final sigma agree), whitespace collapsed and trimmed.
     */
    public static String key(String organisation) {
        if (organisation == null) {
            return "";
        }
        String normal = Normalizer.normalize(organisation, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(normal.length());
        normal.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.FORMAT) {
                return; // invisible: zero-width space, joiners, soft hyphen, direction marks
            }
            if (type == Character.CONTROL || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        });
        String folded = out.toString().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        // NFKC again: case mapping can produce sequences that compose differently
        return Normalizer.normalize(folded, Normalizer.Form.NFKC).trim().replaceAll(" +", " ");
    }

    public static boolean same(String a, String b) {
        String keyA = key(a);
        return !keyA.isEmpty() && keyA.equals(key(b));
    }
}
