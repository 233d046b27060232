package org.wsis.indicators.idi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ICT Development Index, 2023 methodology (ITU, "Measuring digital development: the ICT
 * Development Index 2023"): ten indicators in two pillars, each indicator normalised to 0-100
 * between goalposts, a pillar being the mean of its indicators and the IDI the mean of the two
 * pillars. Pure: no I/O, so it is unit-tested on its own. The goalposts are this service's
 * documented approximations (see the README), not ITU's official table.
 */
public final class IdiCalculator {

    public enum Pillar { UNIVERSAL, MEANINGFUL }

    /** How a raw value becomes a 0-100 score. */
    public enum Scale { LINEAR, LOG, INVERTED }

    public record Component(String indicator, Pillar pillar, Scale scale, double lower, double upper) {
        /** 0..100, clamped at the goalposts. */
        public double score(double value) {
            double share = switch (scale) {
                case LINEAR -> (value - lower) / (upper - lower);
                // traffic spans orders of magnitude: log10(1 + x) between the goalposts
                case LOG -> (Math.log10(1 + Math.max(0, value)) - Math.log10(1 + lower)) / (Math.log10(1 + upper) - Math.log10(1 + lower));
                // prices: 'lower' (the affordability target) scores 100, 'upper' or more scores 0
                case INVERTED -> (upper - value) / (upper - lower);
            };
            return 100 * Math.max(0, Math.min(1, share));
        }
    }

    public static final List<Component> COMPONENTS = List.of(
            new Component("IT_USE_ii99", Pillar.UNIVERSAL, Scale.LINEAR, 0, 100),
            new Component("IT_HH_NET", Pillar.UNIVERSAL, Scale.LINEAR, 0, 100),
            new Component("IT_MBB_SUBS", Pillar.UNIVERSAL, Scale.LINEAR, 0, 100),
            new Component("IT_POP_3G", Pillar.MEANINGFUL, Scale.LINEAR, 0, 100),
            new Component("IT_POP_4G", Pillar.MEANINGFUL, Scale.LINEAR, 0, 100),
            new Component("IT_MBB_TRAF", Pillar.MEANINGFUL, Scale.LOG, 0, 300),
            new Component("IT_FBB_TRAF", Pillar.MEANINGFUL, Scale.LOG, 0, 3000),
            new Component("IT_MOB_BSKT", Pillar.MEANINGFUL, Scale.INVERTED, 2, 25),
            new Component("IT_FBB_BSKT", Pillar.MEANINGFUL, Scale.INVERTED, 2, 25),
            new Component("IT_MOB_OWN", Pillar.MEANINGFUL, Scale.LINEAR, 0, 100));

    public static List<String> componentCodes() {
        return COMPONENTS.stream().map(Component::indicator).toList();
    }

    public record Score(double idi, double universalConnectivity, double meaningfulConnectivity) {
    }

    private IdiCalculator() {
    }

    /** The score of one economy-year, or empty when any of the ten components is missing (no imputation). */
    public static Optional<Score> compute(Map<String, Double> valuesByIndicator) {
        double universal = 0;
        double meaningful = 0;
        int universalCount = 0;
        int meaningfulCount = 0;
        for (Component component : COMPONENTS) {
            Double value = valuesByIndicator.get(component.indicator());
            if (value == null || value.isNaN()) {
                return Optional.empty();
            }
            double score = component.score(value);
            if (component.pillar() == Pillar.UNIVERSAL) {
                universal += score;
                universalCount++;
            } else {
                meaningful += score;
                meaningfulCount++;
            }
        }
        universal /= universalCount;
        meaningful /= meaningfulCount;
        return Optional.of(new Score(round((universal + meaningful) / 2), round(universal), round(meaningful)));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
