package org.wsis.commons.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.wsis.commons.problem.ProblemException;

/**
 * The platform's one country table ({@code countries.tsv} next to this class: ISO 3166-1 alpha-3, alpha-2, UN M49,
 * ITU region, English name) and the one way to read a country code given on input. Alpha-3 is canonical; alpha-2
 * and UN M49 (padded "064" or unpadded "64", as SDG data writes it) are accepted and normalised to alpha-3.
 *
 * <p>ITU regions follow ITU-D's regional presence: Georgia, the Republic of Moldova and Ukraine are in
 * {@link ItuRegion#EUR}. Sources: they are beneficiary countries of the ITU Office for Europe (ITU and Broadband
 * Foundation project for South Eastern Europe, 2020, "Serbia, Montenegro, North Macedonia, Albania, Bosnia &amp;
 * Herzegovina, Moldova, Georgia and Ukraine") and among the "9 non-EU countries of Europe region" of the ITU Office
 * for Europe's report "The Status of Connectivity in 9 non-EU Countries of Europe Region" (March 2021); the members
 * of ITU's CIS region are those of the Regional Commonwealth in the field of Communications that contributed as
 * the CIS region to Council 2017 (C17/98: Armenia, Azerbaijan, Belarus, Kazakhstan, Kyrgyzstan, Russian
 * Federation, Tajikistan, Turkmenistan, Uzbekistan). Stocktaking had them in CIS, forum in Europe (issue 19).
 */
public final class Countries {
    private static final Pattern ALPHA = Pattern.compile("[A-Za-z]{2,3}");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]{1,3}");
    private static final String EXAMPLES = "an ISO 3166-1 alpha-3 (KEN), alpha-2 (KE) or UN M49 (404) code";

    private static final List<Country> ALL;
    private static final Map<String, Country> BY_ANY_CODE;

    static {
        List<Country> all = load();
        Map<String, Country> byCode = new HashMap<>();
        for (Country c : all) {
            byCode.put(c.alpha3(), c);
            byCode.put(c.alpha2(), c);
            byCode.put(c.m49(), c);
            byCode.put(String.valueOf(Integer.parseInt(c.m49())), c);
        }
        ALL = Collections.unmodifiableList(all);
        BY_ANY_CODE = Map.copyOf(byCode);
    }

    private Countries() {
    }

    /** Every country and territory, by alpha-3. */
    public static List<Country> all() {
        return ALL;
    }

    /** The country a code names (alpha-3, alpha-2 or M49, letters in any case, surrounding blanks ignored). */
    public static Optional<Country> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String key = code.strip();
        if (NUMERIC.matcher(key).matches()) {
            return Optional.ofNullable(BY_ANY_CODE.get(String.valueOf(Integer.parseInt(key))));
        }
        return ALPHA.matcher(key).matches()
                ? Optional.ofNullable(BY_ANY_CODE.get(key.toUpperCase(Locale.ROOT)))
                : Optional.empty();
    }

    /** True when the code has the shape of a country code (two or three letters, or one to three digits). */
    public static boolean isWellFormed(String code) {
        return code != null && (ALPHA.matcher(code.strip()).matches() || NUMERIC.matcher(code.strip()).matches());
    }

    /**
     * The country a request names in {@code field}: a 400 problem naming the field for a value that is no country
     * code at all, a 422 for a well-formed code no country has (the platform's rule for unknown reference codes).
     */
    public static Country require(String field, String code) {
        if (!isWellFormed(code)) {
            throw ProblemException.malformed(field, "must be " + EXAMPLES + ", not '" + code + "'");
        }
        return find(code).orElseThrow(() -> ProblemException.invalid(field,
                "unknown country " + code.strip() + ": give " + EXAMPLES));
    }

    /**
     * {@link #require} for each code of a JSON array (a problem names the element, {@code countries[1]}), as
     * canonical alpha-3 codes, duplicates removed, order kept.
     */
    public static List<String> requireAlpha3(String field, List<String> codes) {
        List<String> alpha3 = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = require(field + "[" + i + "]", codes.get(i)).alpha3();
            if (!alpha3.contains(code)) {
                alpha3.add(code);
            }
        }
        return List.copyOf(alpha3);
    }

    private static List<Country> load() {
        try (InputStream in = Countries.class.getResourceAsStream("countries.tsv")) {
            if (in == null) {
                throw new IllegalStateException("countries.tsv missing beside " + Countries.class.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Country> countries = new ArrayList<>();
            reader.readLine(); // header: alpha3 alpha2 m49 ituRegion name
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                // tab-separated: no field can hold a tab, so a split reads it exactly (names hold commas)
                String[] f = line.split("\t", -1);
                if (f.length != 5) {
                    throw new IllegalStateException("countries.tsv: not five fields: " + line);
                }
                countries.add(new Country(f[0], f[1], f[2], f[4],
                        f[3].isEmpty() ? null : ItuRegion.valueOf(f[3])));
            }
            return countries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
