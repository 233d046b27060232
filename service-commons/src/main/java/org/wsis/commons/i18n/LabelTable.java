package org.wsis.commons.i18n;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The labels of one vocabulary in the six UN languages, read from a tab-separated resource file next to the class
 * that owns the vocabulary (the one reader of such files: every service's labels come through here). Format:
 * <pre>
 * # comment lines: source, licence, who translated
 * # official: en zh          (the languages whose texts in this file are published UN/ITU texts; may be empty)
 * code  ar  zh  en  fr  ru  es  [notOfficial]
 * C1    ... ... ... ... ... ... [languages of this row that are not official after all, space-separated]
 * </pre>
 * Every row must have the six texts: a missing one is a build error (the tests load every table), not a silent gap.
 */
public final class LabelTable {
    private static final List<String> HEADER = List.of("code", "ar", "zh", "en", "fr", "ru", "es");

    private final String name;
    private final Map<String, Label> labels;

    private LabelTable(String name, Map<String, Label> labels) {
        this.name = name;
        this.labels = Collections.unmodifiableMap(labels);
    }

    /** Reads {@code resource} relative to {@code owner}'s package; fails loudly on a malformed or incomplete file. */
    public static LabelTable load(Class<?> owner, String resource) {
        String name = owner.getPackageName() + "/" + resource;
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("label file " + name + " missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Set<UnLanguage> official = EnumSet.noneOf(UnLanguage.class);
            Map<String, Label> labels = new LinkedHashMap<>();
            boolean header = false;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    String comment = line.substring(1).strip();
                    if (comment.startsWith("official:")) {
                        official = languages(name, comment.substring("official:".length()));
                    }
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (!header) {
                    if (!List.of(f).subList(0, Math.min(f.length, 7)).equals(HEADER)) {
                        throw new IllegalStateException(name + ": header must start with " + HEADER + ", not " + line);
                    }
                    header = true;
                    continue;
                }
                if (f.length < 7 || f.length > 8) {
                    throw new IllegalStateException(name + ": not seven or eight fields: " + line);
                }
                Map<UnLanguage, String> texts = new EnumMap<>(UnLanguage.class);
                UnLanguage[] order = UnLanguage.values();
                for (int i = 0; i < order.length; i++) {
                    String text = f[i + 1].strip();
                    if (text.isEmpty()) {
                        throw new IllegalStateException(name + ": no " + order[i].code() + " text for " + f[0]);
                    }
                    texts.put(order[i], text);
                }
                Set<UnLanguage> rowOfficial = EnumSet.noneOf(UnLanguage.class);
                rowOfficial.addAll(official);
                if (f.length == 8) {
                    rowOfficial.removeAll(languages(name, f[7]));
                }
                if (labels.put(f[0], new Label(f[0], LabelTexts.of(texts), Collections.unmodifiableSet(rowOfficial))) != null) {
                    throw new IllegalStateException(name + ": " + f[0] + " twice");
                }
            }
            return new LabelTable(name, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<UnLanguage> languages(String name, String codes) {
        Set<UnLanguage> languages = EnumSet.noneOf(UnLanguage.class);
        for (String code : codes.strip().split("\\s+")) {
            if (!code.isEmpty()) {
                languages.add(UnLanguage.ofTag(code).orElseThrow(
                        () -> new IllegalStateException(name + ": not a UN language: " + code)));
            }
        }
        return languages;
    }

    public Optional<Label> find(String code) {
        return Optional.ofNullable(labels.get(code));
    }

    /** The label of a code the vocabulary must have (a code without one is a deployment error, not input). */
    public Label get(String code) {
        Label label = labels.get(code);
        if (label == null) {
            throw new IllegalStateException(name + " has no label for " + code);
        }
        return label;
    }

    /**
     * The label of {@code code} when this table's English text is {@code english} (the text the data holds now);
     * otherwise {@code english} alone (English official as {@code englishOfficial} says): a text renamed since it was
     * translated, or frozen in an older wording, never shows a translation of something else.
     */
    public Label matching(String code, String english, boolean englishOfficial) {
        Label label = labels.get(code);
        if (label != null && label.texts().en().equals(english)) {
            return label;
        }
        return new Label(code, LabelTexts.untranslated(english),
                englishOfficial ? Set.of(UnLanguage.EN) : Set.of());
    }

    /** Every label, in file order. */
    public Collection<Label> all() {
        return labels.values();
    }

    /** Fails when a code of the vocabulary has no label here (called at start-up and in tests). */
    public LabelTable requireAll(Collection<String> codes) {
        List<String> missing = codes.stream().filter(c -> !labels.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(name + " has no label for " + missing);
        }
        return this;
    }
}
