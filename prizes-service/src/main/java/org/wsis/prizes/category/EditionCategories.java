package org.wsis.prizes.category;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.wsis.commons.audit.AuditLog;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;
import org.wsis.prizes.edition.Edition;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.edition.Phase;

import java.util.List;

/**
 * An edition's categories. Every edition starts with the 18 action-line categories; administrators add
 * special prizes (e.g. the Healthy Ageing Innovation Prize, since 2021; the Digital Service Design Prize,
 * since 2023) until voting opens. From then on the categories are part of the edition's frozen rules.
 */
@ApplicationScoped
public class EditionCategories {
    private final EditionService editions;
    private final AuditLog audit;

    public EditionCategories(EditionService editions, AuditLog audit) {
        this.editions = editions;
        this.audit = audit;
    }

    /** A special prize as the audit log records it before and after a change. */
    private static java.util.Map<String, Object> auditState(EditionCategory category) {
        return AuditLog.state("editionYear", category.editionYear, "code", category.code, "name", category.name,
                "description", category.description);
    }

    public List<EditionCategory> of(int year) {
        editions.get(year);
        return EditionCategory.list("editionYear", Sort.by("sortOrder").and("code"), year);
    }

    /** Add a special prize, or rename / re-describe one (idempotent PUT); true when it was created. */
    @Transactional
    public boolean putSpecialPrize(int year, String code, CategoryDtos.SpecialPrizeRequest request) {
        Edition edition = editions.getForUpdate(year);
        requireOpen(edition, "adding or changing a special prize");
        EditionCategory existing = EditionCategory.lookup(year, code);
        if (existing != null && !existing.isSpecialPrize()) {
            throw ProblemException.conflict(code + " is an action-line category of edition " + year + ", not a special prize");
        }
        boolean created = existing == null;
        java.util.Map<String, Object> before = created ? null : auditState(existing);
        if (created) {
            existing = new EditionCategory();
            existing.editionYear = year;
            existing.code = code;
            existing.kind = EditionCategory.SPECIAL_PRIZE;
            Integer last = EditionCategory.getEntityManager().createQuery(
                    "select max(c.sortOrder) from EditionCategory c where c.editionYear = ?1", Integer.class)
                    .setParameter(1, year).getSingleResult();
            existing.sortOrder = (last == null ? 0 : last) + 1;
        }
        if (created) {
            existing.language = request.language() == null ? "en" : request.language();
        } else if (request.language() != null && !request.language().equals(existing.language)) {
            existing.translations = org.wsis.commons.i18n.Translations.without(existing.translations, request.language());
            existing.language = request.language();
        }
        existing.name = request.name().strip();
        existing.description = request.description() == null ? null : request.description().strip();
        existing.persist();
        audit.record(created ? "special-prize.added" : "special-prize.changed", "special-prize", year + "/" + code,
                before, auditState(existing), null);
        return created;
    }

    /**
     * A prize administrator gives (or replaces) a category's name ({@code title}) and description in another UN
     * language, with its origin. Any category of the edition, at any phase: a translation changes no rule. Audited by
     * the languages only.
     */
    @Transactional
    public EditionCategory translate(int year, String code, String language, org.wsis.commons.i18n.NewTranslation request,
                                     String translator, java.time.OffsetDateTime now) {
        editions.getForUpdate(year);
        EditionCategory category = EditionCategory.lookup(year, code);
        if (category == null) {
            throw ProblemException.notFound("Category of edition " + year, code);
        }
        if (language.equals(category.language)) {
            throw ProblemException.invalid("language", "the category is written in " + language
                    + ": its own name and description are the original");
        }
        java.util.Map<String, Object> before = AuditLog.state("translations", List.copyOf(category.translations.keySet()));
        category.translations = org.wsis.commons.i18n.Translations.with(category.translations, language,
                org.wsis.commons.i18n.StoredTranslation.of(request, translator, now));
        audit.record("edition-category.translated", "edition-category", year + "/" + code, before,
                AuditLog.state("translations", List.copyOf(category.translations.keySet())), language);
        return category;
    }

    /** Remove a special prize that nothing was submitted to, before voting opens. */
    @Transactional
    public void deleteSpecialPrize(int year, String code) {
        Edition edition = editions.getForUpdate(year);
        requireOpen(edition, "removing a special prize");
        EditionCategory existing = EditionCategory.lookup(year, code);
        if (existing == null || !existing.isSpecialPrize()) {
            throw ProblemException.notFound("Special prize", code);
        }
        long submitted = EditionCategory.getEntityManager().createQuery(
                        "select count(s) from Submission s where s.editionYear = ?1 and s.category = ?2", Long.class)
                .setParameter(1, year).setParameter(2, code).getSingleResult();
        if (submitted > 0) {
            throw ProblemException.conflict("Special prize " + code + " of edition " + year + " has " + submitted
                    + " submission(s) and cannot be removed");
        }
        audit.record("special-prize.removed", "special-prize", year + "/" + code, auditState(existing), null, null);
        existing.delete();
    }

    private void requireOpen(Edition edition, String action) {
        Phase phase = editions.phaseNow(edition);
        if (phase.compareTo(Phase.VOTING) >= 0) {
            throw new ProblemException(Problem.of(409, "rules-frozen", "The rules of this edition are frozen",
                    "Edition " + edition.year + " has opened its voting (phase " + phase + "); " + action
                            + " is allowed only before voting opens"));
        }
    }
}
