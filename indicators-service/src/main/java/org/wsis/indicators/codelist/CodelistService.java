package org.wsis.indicators.codelist;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.audit.AuditLog;
import org.wsis.commons.problem.ProblemException;
import org.wsis.indicators.sdmx.SdmxLabels;
import org.wsis.indicators.sdmx.StructureRevision;
import org.wsis.commons.i18n.LabelTexts;
import org.wsis.commons.i18n.UnLanguage;
import org.wsis.indicators.sdmx.Structures;
import org.wsis.indicators.statistics.PrizeStatistics;
import org.wsis.indicators.statistics.StocktakingStatistics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Code lists changed by ITU staff (issue 20 item 4). The breakdown lists of DF_ICT (CL_SEX, CL_AGE, CL_URBANISATION)
 * and lists created through the API are editable: a code is added or renamed (the list's next version 1.n), or
 * deleted while no observation uses it. Lists built from tables (CL_AREA, CL_INDICATOR, CL_UNIT_*), SDMX's own
 * (CL_FREQ, CL_OBS_STATUS, whose codes the upload rules know) and the statistics flows' lists are not. Uploads
 * validate against the code table, so an added code is accepted in the next batch on every instance.
 */
@ApplicationScoped
public class CodelistService {
    /**
     * A code: {@code name} as stored (English), {@code label} in the reply's Content-Language, {@code labels} in the
     * six UN languages (the SDMX structures' names, sdmx/SdmxLabels; a language without a translation is null).
     */
    public record CodeView(String code, String name,
                           @org.eclipse.microprofile.openapi.annotations.media.Schema(description = LABEL) String label,
                           @org.eclipse.microprofile.openapi.annotations.media.Schema(description = LABELS) LabelTexts labels) {
        static CodeView of(String code, String name, LabelTexts texts, UnLanguage language) {
            return new CodeView(code, name, in(texts, language), texts);
        }
    }

    public record CodelistView(String id, String name, String version, boolean editable,
                               @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true) String dimension,
                               List<CodeView> codes,
                               @org.eclipse.microprofile.openapi.annotations.media.Schema(description = LABEL) String label,
                               @org.eclipse.microprofile.openapi.annotations.media.Schema(description = LABELS) LabelTexts labels) {
    }

    static final String LABEL = "The name in the language of the reply's Content-Language (Accept-Language: the first UN language asked for, else English; English where no translation exists)";
    static final String LABELS = "The name in each UN language, as the SDMX structures carry it; null where not translated (a code added in English only)";

    private static String in(LabelTexts texts, UnLanguage language) {
        String text = texts.in(language);
        return text != null && !text.isBlank() ? text : texts.en();
    }

    /** The observation column each breakdown list is the dimension of ("in use" means an observation carries the code). */
    private static final Map<String, String> DIMENSION_COLUMNS = Map.of("CL_SEX", "sex", "CL_AGE", "age", "CL_URBANISATION", "urbanisation");
    private static final Map<String, String> DIMENSIONS = Map.of("CL_SEX", "SEX", "CL_AGE", "AGE", "CL_URBANISATION", "URBANISATION",
            "CL_AREA", "REF_AREA", "CL_INDICATOR", "INDICATOR", "CL_FREQ", "FREQ");

    private final EntityManager entityManager;
    private final AuditLog audit;
    private final StructureRevision revision;
    private final Structures structures;

    public CodelistService(EntityManager entityManager, AuditLog audit, StructureRevision revision, Structures structures) {
        this.entityManager = entityManager;
        this.audit = audit;
        this.revision = revision;
        this.structures = structures;
    }

    public List<CodelistView> list(UnLanguage language) {
        Structures.Snapshot s = structures.get();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT id, name, editable FROM codelist ORDER BY id").getResultList();
        return rows.stream().map(r -> view(s, (String) r[0], (String) r[1], (Boolean) r[2], language)).toList();
    }

    public CodelistView get(String id) {
        return get(id, UnLanguage.FALLBACK);
    }

    public CodelistView get(String id, UnLanguage language) {
        Object[] row = row(id);
        return view(structures.get(), id, (String) row[0], (Boolean) row[1], language);
    }

    @Transactional
    public CodelistView create(String id, String name, List<CodeView> codes) {
        if (reserved().contains(id) || row(id, false) != null) {
            throw ProblemException.conflict("Code list " + id + " exists; add codes with PUT /api/v1/codelists/" + id + "/codes/{code}");
        }
        long distinct = codes.stream().map(CodeView::code).distinct().count();
        if (distinct != codes.size()) {
            throw ProblemException.invalid("codes", "a code is listed twice");
        }
        entityManager.createNativeQuery("INSERT INTO codelist (id, name, version, editable) VALUES (?1, ?2, 0, true)")
                .setParameter(1, id).setParameter(2, name.strip()).executeUpdate();
        for (CodeView code : codes) {
            insert(id, code.code(), code.name().strip());
        }
        revision.bump();
        Map<String, Object> after = state(id, name.strip(), 0, codes(id));
        audit.record("codelist.created", "codelist", id, null, after, null);
        return new CodelistView(id, name.strip(), StructureRevision.sdmxVersion(0), true, null, codes(id),
                name.strip(), SdmxLabels.name(name.strip()));
    }

    /** True when the code is new; false when renamed or unchanged (unchanged: no new version, nothing audited). */
    @Transactional
    public boolean putCode(String id, String code, String name) {
        Object[] row = lockEditable(id);
        Map<String, String> before = codesMap(id);
        String stripped = name.strip();
        if (stripped.equals(before.get(code))) {
            return false;
        }
        if (before.containsKey(code)) {
            entityManager.createNativeQuery("UPDATE code SET name = ?3 WHERE codelist = ?1 AND code = ?2")
                    .setParameter(1, id).setParameter(2, code).setParameter(3, stripped).executeUpdate();
        } else {
            insert(id, code, stripped);
        }
        int version = revision.bumpCodelist(id);
        audit.record(before.containsKey(code) ? "codelist.code-renamed" : "codelist.code-added", "codelist", id,
                state(id, (String) row[0], version - 1, Map.of(code, before.getOrDefault(code, ""))),
                state(id, (String) row[0], version, Map.of(code, stripped)), null);
        return !before.containsKey(code);
    }

    @Transactional
    public void deleteCode(String id, String code) {
        Object[] row = lockEditable(id);
        Map<String, String> before = codesMap(id);
        if (!before.containsKey(code)) {
            throw ProblemException.notFound("Code " + code + " of code list", id);
        }
        if (code.equals("_T") && DIMENSION_COLUMNS.containsKey(id)) {
            throw ProblemException.conflict("_T (total) is the default of every row without a breakdown: it cannot be deleted");
        }
        String column = DIMENSION_COLUMNS.get(id);
        if (column != null && !entityManager.createNativeQuery("SELECT 1 FROM observation WHERE " + column + " = ?1 LIMIT 1")
                .setParameter(1, code).getResultList().isEmpty()) {
            throw ProblemException.conflict("Code " + code + " of " + id + " is in use by published observations: it cannot be deleted"
                    + " (rename it instead)");
        }
        entityManager.createNativeQuery("DELETE FROM code WHERE codelist = ?1 AND code = ?2")
                .setParameter(1, id).setParameter(2, code).executeUpdate();
        int version = revision.bumpCodelist(id);
        audit.record("codelist.code-deleted", "codelist", id, state(id, (String) row[0], version - 1, Map.of(code, before.get(code))),
                state(id, (String) row[0], version, Map.of()), null);
    }

    private Object[] lockEditable(String id) {
        Object[] row = row(id);
        if (!(Boolean) row[1]) {
            throw ProblemException.conflict("Code list " + id + " is not changed through this API: " + (Set.of("CL_AREA", "CL_INDICATOR",
                    "CL_UNIT_MEASURE", "CL_UNIT_MULT").contains(id) ? "it is built from the indicator definitions and economies"
                    : "it is SDMX's own list, whose codes the upload rules know"));
        }
        entityManager.createNativeQuery("SELECT id FROM codelist WHERE id = ?1 FOR UPDATE").setParameter(1, id).getResultList();
        return row;
    }

    private void insert(String id, String code, String name) {
        entityManager.createNativeQuery("INSERT INTO code (codelist, code, name) VALUES (?1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, code).setParameter(3, name).executeUpdate();
    }

    private Object[] row(String id) {
        Object[] row = row(id, true);
        if (row == null) {
            throw ProblemException.notFound("Code list", id);
        }
        return row;
    }

    private Object[] row(String id, boolean unused) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT name, editable FROM codelist WHERE id = ?1")
                .setParameter(1, id).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Map<String, String> codesMap(String id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT code, name FROM code WHERE codelist = ?1 ORDER BY code")
                .setParameter(1, id).getResultList();
        Map<String, String> codes = new LinkedHashMap<>();
        rows.forEach(r -> codes.put((String) r[0], (String) r[1]));
        return codes;
    }

    private List<CodeView> codes(String id) {
        // an editable list's codes: named by the label tables (only CL_INDICATOR has stored translations, and it is not editable)
        return codesMap(id).entrySet().stream().map(e -> CodeView.of(e.getKey(), e.getValue(), SdmxLabels.code(id, e.getKey(), e.getValue()),
                UnLanguage.FALLBACK)).toList();
    }

    private CodelistView view(Structures.Snapshot s, String id, String name, boolean editable, UnLanguage language) {
        List<CodeView> codes = s.codes(id).entrySet().stream()
                .map(e -> CodeView.of(e.getKey(), e.getValue(), s.codeNames(id, e.getKey(), e.getValue()), language)).toList();
        LabelTexts names = SdmxLabels.name(name);
        return new CodelistView(id, name, s.codelistVersion(id), editable, DIMENSIONS.get(id), codes, in(names, language), names);
    }

    private static Map<String, Object> state(String id, String name, int version, Object codes) {
        return AuditLog.state("id", id, "name", name, "version", StructureRevision.sdmxVersion(version), "codes", codes);
    }

    /** Ids the SDMX structures already use (DF_ICT's and the statistics flows'): never created again. */
    private static Set<String> reserved() {
        Set<String> ids = new java.util.HashSet<>(Structures.ICT.codelistIds());
        ids.addAll(StocktakingStatistics.FLOW.codelistIds());
        ids.addAll(PrizeStatistics.FLOW.codelistIds());
        return ids;
    }
}
