package org.wsis.commons.reference;

import java.util.Arrays;
import java.util.List;

import org.wsis.commons.problem.ProblemException;

/** Reads region codes given on input: the one code list, older spellings accepted and normalised. */
public final class Regions {
    private Regions() {
    }

    /** The region {@code code} names in {@code field}, or a 422 naming the field and the codes it takes. */
    public static ItuRegion require(String field, String code) {
        return ItuRegion.parse(code).orElseThrow(() -> ProblemException.invalid(field,
                "unknown region " + code + "; one of " + Arrays.toString(ItuRegion.values())));
    }

    /** {@link #require} for each code, as canonical codes, duplicates removed, order kept. */
    public static List<String> requireCodes(String field, List<String> codes) {
        return codes.stream().map(code -> require(field, code).name()).distinct().toList();
    }
}
