package org.wsis.prizes.submission;

import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ITU's rule for the short description of a WSIS Prizes submission: 150 to 200 words, in English
 * (docs/domain.md, "Review criteria ITU publishes (2026 call)").
 *
 * <p>Words: runs of letters or digits, with inner apostrophes or hyphens ("ITU's", "e-health" count once);
 * punctuation and numbers' separators do not make words.
 *
 * <p>English: no maintained language detector is on the classpath (the partial Maven mirror offers only
 * optimaize language-detector 0.6 of 2016), so a documented heuristic decides, tuned to accept any
 * ordinary English prose of 150+ words and to refuse other languages:
 * <ol>
 *   <li>script: at least 90% of the letters are basic Latin (a-z) letters, so Arabic, Chinese, Cyrillic
 *   texts are refused, and French or Spanish with their accented letters lean out;</li>
 *   <li>function words: at least 20% of the words are common English function words ("the", "and",
 *   "of", "to", ...; running English prose has 40-50%), and more of them than of French or Spanish
 *   function words (so Latin-script French or Spanish is refused).</li>
 * </ol>
 */
public final class ShortDescription {
    public static final int MIN_WORDS = 150;
    public static final int MAX_WORDS = 200;
    static final double MIN_LATIN_SHARE = 0.90;
    static final double MIN_ENGLISH_FUNCTION_WORD_SHARE = 0.20;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*");

    private static final Set<String> ENGLISH = Set.of(
            "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as",
            "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it", "its", "this", "that",
            "these", "those", "which", "who", "whom", "whose", "their", "they", "them", "we", "our", "us", "you",
            "your", "he", "she", "his", "her", "not", "no", "can", "will", "would", "more", "most", "all", "each",
            "into", "through", "over", "than", "so", "also", "such", "about", "between", "after", "before", "how",
            "what", "where", "when", "while", "out", "up", "there", "other", "new", "many", "any", "some", "both");
    /** French and Spanish function words that are not English words, to tell Latin-script texts apart. */
    private static final Set<String> OTHER = Set.of(
            "le", "la", "les", "des", "du", "et", "est", "sont", "une", "un", "pour", "dans", "avec", "qui", "que",
            "sur", "par", "au", "aux", "ce", "cette", "ces", "nous", "vous", "leur", "leurs", "pas", "plus",
            "el", "los", "las", "del", "y", "es", "son", "una", "uno", "para", "con", "por", "sobre", "al",
            "su", "sus", "lo", "como", "pero", "muy", "este", "esta", "estos");

    private ShortDescription() {
    }

    public static int words(String text) {
        Matcher m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** 422 naming the field when the summary is not 150-200 English words; the word count is stated. */
    public static void require(String field, String text) {
        int words = words(text);
        if (words < MIN_WORDS || words > MAX_WORDS) {
            throw refused(field, "must be " + MIN_WORDS + " to " + MAX_WORDS + " words; it has " + words + " words",
                    "The short description has " + words + " words; ITU's rules ask for " + MIN_WORDS + " to "
                            + MAX_WORDS + " words");
        }
        if (!looksEnglish(text)) {
            throw refused(field, "must be written in English", "The short description must be in English (ITU's rules)");
        }
    }

    static boolean looksEnglish(String text) {
        long letters = text.codePoints().filter(Character::isLetter).count();
        long latin = text.codePoints().filter(cp -> (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')).count();
        if (letters == 0 || (double) latin / letters < MIN_LATIN_SHARE) {
            return false;
        }
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        int words = 0;
        int english = 0;
        int other = 0;
        while (m.find()) {
            words++;
            String w = m.group();
            if (ENGLISH.contains(w)) {
                english++;
            } else if (OTHER.contains(w)) {
                other++;
            }
        }
        return words > 0 && (double) english / words >= MIN_ENGLISH_FUNCTION_WORD_SHARE && english > other;
    }

    private static ProblemException refused(String field, String message, String detail) {
        return new ProblemException(Problem.of(422, "short-description", "Short description not accepted", detail)
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }
}
