package org.wsis.prizes.review;

import org.wsis.commons.i18n.Label;
import org.wsis.commons.i18n.LabelTable;
import org.wsis.commons.i18n.UnLanguage;

import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.prizes.edition.EditionService;

import java.util.List;

/**
 * The criteria reviewers score against, 0..10 each.
 *
 * <p>The published set is ITU's, as its 2026 call for WSIS Prizes states them: results and impact;
 * community empowerment; SDG relevance; replicability; sustainability; partnerships; WSIS values
 * (docs/domain.md, "Facts for the open work: Review criteria ITU publishes (2026 call)"; the prizes
 * "recognise outstanding contributions to the WSIS action lines and the SDGs ... and promote replicable
 * solutions": ITU's WSIS+20 report to Council, shared/seeds/000, lines 73 and 441-442). The names are
 * ITU's; the one-line questions are ours, to guide scoring. They live in the table {@code review_criterion}
 * (migration V4), from which every new edition copies its own set ({@code edition_review_criterion}) when
 * it is created: an edition's criteria never change afterwards, whatever later calls publish.
 */
@ApplicationScoped
public class ReviewCriteria {
    public static final int MIN = 0;
    public static final int MAX = 10;

    private final EditionService editions;

    public ReviewCriteria(EditionService editions) {
        this.editions = editions;
    }

    /** The criteria ITU publishes now, which new editions take, labelled in {@code language}. */
    public List<ReviewDtos.Criterion> published(UnLanguage language) {
        return rows("SELECT field, name, question FROM review_criterion ORDER BY sort_order", null, language);
    }

    /** The criteria of an edition (404 if there is no such edition). */
    public List<ReviewDtos.Criterion> of(int year) {
        return of(year, UnLanguage.FALLBACK);
    }

    /** The criteria of an edition (404 if there is no such edition), labelled in {@code language}. */
    public List<ReviewDtos.Criterion> of(int year, UnLanguage language) {
        editions.get(year);
        return rows("SELECT field, name, question FROM edition_review_criterion WHERE edition_year = ?1 ORDER BY sort_order", year, language);
    }

    /*
     * Six-language labels (review-criterion-labels.tsv next to this class): "<field>" the name, "<field>.question" the
     * question. Matched on the English text, so an edition frozen with an older wording shows it in English only.
     */
    private static final LabelTable LABELS = LabelTable.load(ReviewCriteria.class, "review-criterion-labels.tsv");

    private static ReviewDtos.Criterion criterion(String field, String name, String question, UnLanguage language) {
        Label label = LABELS.matching(field, name, true);
        Label questionLabel = LABELS.matching(field + ".question", question, true);
        return new ReviewDtos.Criterion(field, name, question, MIN, MAX, label.in(language), label.texts(),
                label.officialCodes(), questionLabel.in(language), questionLabel.texts());
    }

    @SuppressWarnings("unchecked")
    private static List<ReviewDtos.Criterion> rows(String sql, Integer year, UnLanguage language) {
        var query = Review.getEntityManager().createNativeQuery(sql);
        if (year != null) {
            query.setParameter(1, year);
        }
        return ((List<Object[]>) query.getResultList()).stream()
                .map(r -> criterion((String) r[0], (String) r[1], (String) r[2], language)).toList();
    }
}
