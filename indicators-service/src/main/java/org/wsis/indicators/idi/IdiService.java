package org.wsis.indicators.idi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.wsis.commons.problem.ProblemException;
import org.wsis.indicators.IndicatorsConfig;
import org.wsis.indicators.idi.IdiResource.ComponentDefinitionView;
import org.wsis.indicators.idi.IdiResource.ComponentView;
import org.wsis.indicators.idi.IdiResource.IdiScoreView;
import org.wsis.indicators.idi.IdiResource.PillarView;
import org.wsis.indicators.observation.ObservationResource;
import org.wsis.indicators.observation.ObservationStore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ICT Development Index on read: the query checks (400/422), the methodology lookup (404/409), the
 * component observations read (bounded) and the computation. Reads only, so no transaction of its own.
 */
@ApplicationScoped
public class IdiService {

    /** Component observations read for one request at most: keeps memory bounded whatever is asked. */
    static final int MAX_COMPONENT_ROWS = 100_000;
    private static final java.util.regex.Pattern ECONOMY = java.util.regex.Pattern.compile("[A-Za-z0-9_]{1,16}");

    private final MethodologyStore methodologies;
    private final ObservationStore observations;
    private final EntityManager entityManager;
    private final String defaultMethodology;

    public IdiService(MethodologyStore methodologies, ObservationStore observations, EntityManager entityManager,
                      IndicatorsConfig config) {
        this.methodologies = methodologies;
        this.observations = observations;
        this.entityManager = entityManager;
        this.defaultMethodology = config.idi().defaultMethodology();
    }

    /** The complete index values asked for, newest period first, then best score. */
    public List<IdiScoreView> scores(String methodology, Integer version, String economy, Integer period, Integer from,
                                     Integer to, String asOf) {
        Methodology m = computable(methodology, version);
        if (period != null && (from != null || to != null)) {
            throw ProblemException.invalid("period", "give period or from/to, not both");
        }
        Integer periodFrom = period != null ? period : from;
        Integer periodTo = period != null ? period : to;
        checkPeriod("from", periodFrom);
        checkPeriod("to", periodTo);
        if (periodFrom != null && periodTo != null && periodFrom > periodTo) {
            throw ProblemException.invalid("from", "must not be after 'to'");
        }
        Instant at = ObservationResource.parseInstant("asOf", asOf);
        List<String> economies = split(economy);
        if (economies != null && (economies.size() > 300 || !economies.stream().allMatch(e -> ECONOMY.matcher(e).matches()))) {
            throw ProblemException.malformed("economy", "at most 300 economy codes (ISO alpha-3, aggregate or UN M49), comma-separated");
        }
        return compute(m, economies, periodFrom, periodTo, at).stream()
                .filter(IdiScoreView::complete)
                .sorted(Comparator.comparingInt(IdiScoreView::period).reversed()
                        .thenComparing(IdiScoreView::score, Comparator.reverseOrder())
                        .thenComparing(IdiScoreView::economy))
                .toList();
    }

    /** One economy-year, complete or not (score null and the missing components listed). */
    public IdiScoreView explain(String methodology, Integer version, String economy, Integer period, String asOf) {
        Methodology m = computable(methodology, version);
        if (economy == null || economy.isBlank()) {
            throw ProblemException.malformed("economy", "is required");
        }
        if (period == null) {
            throw ProblemException.malformed("period", "is required");
        }
        checkPeriod("period", period);
        String code = economyCode(economy.trim());
        Instant at = ObservationResource.parseInstant("asOf", asOf);
        return compute(m, List.of(code), period, period, at).stream().findFirst()
                .orElseGet(() -> view(m, code, period, at, IdiCalculator.compute(m, Map.of())));
    }

    /** The components of one methodology version (computable or not). */
    public List<ComponentDefinitionView> components(String methodology, Integer version) {
        Methodology m = methodologies.require(methodology == null ? defaultMethodology : methodology, version);
        List<ComponentDefinitionView> result = new ArrayList<>();
        for (Methodology.Pillar p : m.pillars()) {
            for (Methodology.Component c : p.components()) {
                result.add(new ComponentDefinitionView(m.id(), m.version(), p.code(), p.name(), p.weight(), c.indicator(), c.weight(),
                        c.transform(), c.zeroValue(), c.referenceValue()));
            }
        }
        return result;
    }

    private Methodology computable(String id, Integer version) {
        Methodology m = methodologies.require(id == null || id.isBlank() ? defaultMethodology : id, version);
        if (!m.computable()) {
            throw ProblemException.conflict("IDI methodology " + m.id() + " version " + m.version() + " cannot compute values: "
                    + String.join("; ", m.notComputableBecause()) + ". Publish a version with them (POST /api/v1/idi/methodologies).");
        }
        return m;
    }

    private record EconomyYear(String economy, int period) {
    }

    /** Every economy-year with at least one component value, complete or not. */
    private List<IdiScoreView> compute(Methodology m, List<String> economies, Integer from, Integer to, Instant asOf) {
        ObservationStore.Criteria criteria = new ObservationStore.Criteria(m.indicatorCodes(), economies, List.of("_T"), List.of("_T"),
                List.of("_T"), from, to, asOf, null, null);
        List<ObservationStore.Row> rows;
        try {
            rows = observations.find(criteria, MAX_COMPONENT_ROWS + 1, 0);
        } catch (ObservationStore.PublishInProgress e) {
            throw ProblemException.unavailable(e.getMessage(), 5);
        }
        if (rows.size() > MAX_COMPONENT_ROWS) {
            throw ProblemException.invalid("economy", "the query spans more than " + MAX_COMPONENT_ROWS
                    + " component observations: narrow it with economy, period or from/to");
        }
        Map<EconomyYear, Map<String, IdiCalculator.Input>> inputs = new LinkedHashMap<>();
        for (ObservationStore.Row row : rows) {
            Map<String, IdiCalculator.Input> values = inputs.computeIfAbsent(new EconomyYear(row.economy(), row.period()), k -> new HashMap<>());
            if (row.value() != null) { // a missing value (status M) is a missing component, not a zero
                values.put(row.indicator(), new IdiCalculator.Input(row.value(), row.id(), row.publishedAt(), row.batchId(), row.status()));
            }
        }
        List<IdiScoreView> result = new ArrayList<>(inputs.size());
        inputs.forEach((key, values) -> result.add(view(m, key.economy(), key.period(), asOf, IdiCalculator.compute(m, values))));
        return result;
    }

    private static IdiScoreView view(Methodology m, String economy, int period, Instant asOf, IdiCalculator.Result r) {
        String label = (m.official() ? "Computed with ITU's official methodology " : "Unofficial: computed with methodology ")
                + m.id() + " version " + m.version() + " from the published component values"
                + (m.official() ? "" : " (the methodology is not marked official)")
                + "; same-year values, no imputation.";
        return new IdiScoreView(economy, period, m.id(), m.version(), m.official(), label, m.scale(), r.index(), r.complete(),
                r.missing(), asOf == null ? null : asOf.atOffset(ZoneOffset.UTC),
                r.pillars().stream().map(p -> new PillarView(p.code(), p.name(), p.weight(), p.effectiveWeight(), p.score())).toList(),
                r.components().stream().map(c -> new ComponentView(c.pillar(), c.indicator(), c.value(), c.normalised(), c.weight(),
                        c.effectiveWeight(), c.contribution(), c.observationId(), c.publishedAt(), c.batchId(), c.status())).toList());
    }

    private String economyCode(String economy) {
        if (!ECONOMY.matcher(economy).matches()) {
            throw ProblemException.malformed("economy", "must be an ISO alpha-3 code, an aggregate code, or UN M49");
        }
        @SuppressWarnings("unchecked")
        List<String> codes = entityManager.createNativeQuery("SELECT code FROM economy WHERE code = ?1 OR m49 = ?1")
                .setParameter(1, economy).getResultList();
        if (codes.isEmpty()) {
            throw ProblemException.invalid("economy", "unknown economy " + economy + " (ISO alpha-3, an aggregate code, or UN M49)");
        }
        return codes.get(0);
    }

    private static void checkPeriod(String field, Integer period) {
        if (period != null && (period < 1960 || period > 2100)) {
            throw ProblemException.malformed(field, "must be a year from 1960 to 2100");
        }
    }

    private static List<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return null;
        }
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
