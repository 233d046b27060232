package org.wsis.indicators.idi;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Computes an index value from one methodology version and one economy-year's component values.
 * Pure (no I/O): the same methodology version and the same observation vintages always give the
 * same result, which is why values are computed on read and never stored (nothing to overwrite).
 *
 * normalised = (t(value) - t(zeroValue)) / (t(referenceValue) - t(zeroValue)), clamped to [0, 1],
 * t = identity or log10 (a value <= 0 under LOG10 is below both goalposts); pillar = scale x weighted mean of its
 * normalised values; index = scale x sum over components of effectiveWeight x normalised, where
 * effectiveWeight = (pillar weight / sum of pillar weights) x (weight / sum of weights in the pillar).
 * So weights are relative: ITU's printed 0.33/0.33/0.33 means a third each. A missing component
 * (no value, or status M) is never treated as zero: the economy-year has no index value.
 */
public final class IdiCalculator {

    /** One observation vintage used as a component value. */
    public record Input(double value, long observationId, OffsetDateTime publishedAt, UUID batchId, String status) {
    }

    public record PillarScore(String code, String name, double weight, double effectiveWeight, Double score) {
    }

    public record ComponentScore(String pillar, String indicator, Double value, Double normalised, double weight,
                                 double effectiveWeight, Double contribution, Long observationId,
                                 OffsetDateTime publishedAt, UUID batchId, String status) {
    }

    /** index is null when any component is missing (listed in missing). */
    public record Result(Double index, List<PillarScore> pillars, List<ComponentScore> components, List<String> missing) {
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    private IdiCalculator() {
    }

    public static Result compute(Methodology methodology, Map<String, Input> inputs) {
        if (!methodology.computable()) {
            throw new IllegalArgumentException("methodology " + methodology.id() + "/" + methodology.version() + " is not computable");
        }
        double scale = methodology.scale();
        double pillarWeights = methodology.pillars().stream().mapToDouble(Methodology.Pillar::weight).sum();
        List<PillarScore> pillars = new ArrayList<>();
        List<ComponentScore> components = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        double index = 0;
        for (Methodology.Pillar pillar : methodology.pillars()) {
            double pillarShare = pillar.weight() / pillarWeights;
            double weights = pillar.components().stream().mapToDouble(Methodology.Component::weight).sum();
            double pillarSum = 0;
            boolean pillarComplete = true;
            for (Methodology.Component c : pillar.components()) {
                double effective = pillarShare * c.weight() / weights;
                Input input = inputs.get(c.indicator());
                if (input == null || Double.isNaN(input.value())) {
                    missing.add(c.indicator());
                    pillarComplete = false;
                    components.add(new ComponentScore(pillar.code(), c.indicator(), null, null, c.weight(), effective,
                            null, null, null, null, null));
                    continue;
                }
                double normalised = normalise(c, input.value());
                double contribution = scale * effective * normalised;
                pillarSum += c.weight() / weights * normalised;
                index += contribution;
                components.add(new ComponentScore(pillar.code(), c.indicator(), input.value(), normalised, c.weight(), effective,
                        contribution, input.observationId(), input.publishedAt(), input.batchId(), input.status()));
            }
            pillars.add(new PillarScore(pillar.code(), pillar.name(), pillar.weight(), pillarShare,
                    pillarComplete ? scale * pillarSum : null));
        }
        return new Result(missing.isEmpty() ? index : null, pillars, components, missing);
    }

    /** 0..1 between the goalposts (inverted when referenceValue < zeroValue), clamped. */
    static double normalise(Methodology.Component c, double value) {
        boolean log = Methodology.Transform.LOG10.name().equals(c.transform());
        if (log && value <= 0) {
            // below any positive goalpost: the worst score, or the best for a 'lower is better' indicator
            return c.referenceValue() > c.zeroValue() ? 0 : 1;
        }
        double zero = log ? Math.log10(c.zeroValue()) : c.zeroValue();
        double reference = log ? Math.log10(c.referenceValue()) : c.referenceValue();
        double x = log ? Math.log10(value) : value;
        double share = (x - zero) / (reference - zero);
        return Math.max(0, Math.min(1, share));
    }
}
