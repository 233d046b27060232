package org.wsis.stocktaking.search;

import org.wsis.commons.i18n.Translations;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.reference.Countries;
import org.wsis.stocktaking.reference.ReferenceData;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The filters of a public search, as query parameters ({@code @BeanParam @Valid SearchFilters}).
 * A filter given several times matches any of its values ({@code ?region=AFR&region=ARB}); different
 * filters must all match. Codes are those of /api/v1/reference/...
 */
public class SearchFilters {
    @QueryParam("q")
    @Size(max = 200, message = "must be at most 200 characters")
    public String q;

    /** Language of the query words, for stemming; the exact words are matched in every language too. */
    @QueryParam("lang")
    @Pattern(regexp = Translations.LANGUAGE_PATTERN, message = Translations.LANGUAGE_MESSAGE)
    public String lang;

    @QueryParam("actionLine")
    public List<String> actionLine = new ArrayList<>();

    /** Numbers are read as text and checked in {@link #validate}, so "?sdg=x" is a 400 naming sdg, not a bare 404. */
    @QueryParam("sdg")
    public List<String> sdg = new ArrayList<>();

    @QueryParam("sdgTarget")
    public List<String> sdgTarget = new ArrayList<>();

    /**
     * ISO 3166-1 alpha-3 (KEN), alpha-2 (KE) or UN M49 (404); {@link #validate} turns each into the
     * alpha-3 code entries are tagged with.
     */
    @QueryParam("country")
    public List<String> country = new ArrayList<>();

    @QueryParam("region")
    public List<String> region = new ArrayList<>();

    @QueryParam("stakeholderType")
    public List<String> stakeholderType = new ArrayList<>();

    @QueryParam("targetGroup")
    public List<String> targetGroup = new ArrayList<>();

    /** Stocktaking year (the year of first publication). */
    @QueryParam("year")
    public List<String> year = new ArrayList<>();

    @QueryParam("fromYear")
    public String fromYear;

    @QueryParam("toYear")
    public String toYear;

    /** Parsed by {@link #validate}. */
    List<Integer> sdgs = List.of();
    List<Integer> years = List.of();
    Integer from;
    Integer to;

    /** Project status: PLANNED, ONGOING, COMPLETED. */
    @QueryParam("status")
    public List<@Pattern(regexp = "PLANNED|ONGOING|COMPLETED", message = "must be PLANNED, ONGOING or COMPLETED") String> status = new ArrayList<>();

    /** Language of the entry. */
    @QueryParam("language")
    public List<@Pattern(regexp = Translations.LANGUAGE_PATTERN, message = Translations.LANGUAGE_MESSAGE) String> language = new ArrayList<>();

    @QueryParam("successStory")
    public Boolean successStory;

    /** Prize outcome of any edition: WINNER, CHAMPION, NOMINEE. */
    @QueryParam("prize")
    public List<@Pattern(regexp = "WINNER|CHAMPION|NOMINEE", message = "must be WINNER, CHAMPION or NOMINEE") String> prize = new ArrayList<>();

    /** Checks codes against the reference data: 422 naming the query parameter. */
    public void validate(ReferenceData reference) {
        requireKnown("actionLine", actionLine, reference.actionLines());
        requireKnown("sdgTarget", sdgTarget, reference.sdgTargets().keySet());
        // entries store alpha-3; alpha-2 and M49 are read as the same country
        country = country.stream().map(code -> Countries.require("country", code).alpha3()).distinct().toList();
        requireKnown("region", region, reference.regions().keySet());
        requireKnown("stakeholderType", stakeholderType, reference.stakeholderTypes().keySet());
        requireKnown("targetGroup", targetGroup, reference.targetGroups().keySet());
        sdgs = sdg.stream().map(v -> number("sdg", v, 1, 17)).toList();
        years = year.stream().map(v -> number("year", v, 2003, 2100)).toList();
        from = fromYear == null ? null : number("fromYear", fromYear, 2003, 2100);
        to = toYear == null ? null : number("toYear", toYear, 2003, 2100);
        if (from != null && to != null && to < from) {
            throw ProblemException.invalid("toYear", "must not be before fromYear " + fromYear);
        }
        if (q != null && q.isBlank()) {
            q = null;
        }
    }

    /** The validated year range (null: open). */
    public Integer from() {
        return from;
    }

    public Integer to() {
        return to;
    }

    public SearchFilters successStoriesOnly() {
        successStory = true;
        return this;
    }

    private static int number(String field, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.malformed(field, "must be a whole number from " + min + " to " + max + ", not " + value);
    }

    private static void requireKnown(String field, List<String> codes, Set<String> known) {
        for (String code : codes) {
            if (!known.contains(code)) {
                throw ProblemException.invalid(field, "unknown code " + code);
            }
        }
    }
}
