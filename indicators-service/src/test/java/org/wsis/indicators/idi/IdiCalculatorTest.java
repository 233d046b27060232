package org.wsis.indicators.idi;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdiCalculatorTest {

    private static Map<String, Double> all(double percent, double subscriptions, double mobileGb, double fixedGb, double price) {
        Map<String, Double> values = new HashMap<>();
        values.put("IT_USE_ii99", percent);
        values.put("IT_HH_NET", percent);
        values.put("IT_MBB_SUBS", subscriptions);
        values.put("IT_POP_3G", percent);
        values.put("IT_POP_4G", percent);
        values.put("IT_MBB_TRAF", mobileGb);
        values.put("IT_FBB_TRAF", fixedGb);
        values.put("IT_MOB_BSKT", price);
        values.put("IT_FBB_BSKT", price);
        values.put("IT_MOB_OWN", percent);
        return values;
    }

    @Test
    void atOrBeyondTheUpperGoalpostsScores100() {
        var score = IdiCalculator.compute(all(100, 140, 500, 5000, 1.0)).orElseThrow();
        assertEquals(100.0, score.idi());
        assertEquals(100.0, score.universalConnectivity());
        assertEquals(100.0, score.meaningfulConnectivity());
    }

    @Test
    void atTheLowerGoalpostsScores0() {
        assertEquals(0.0, IdiCalculator.compute(all(0, 0, 0, 0, 30)).orElseThrow().idi());
    }

    @Test
    void pillarsAreMeansOfTheirNormalisedIndicatorsAndTheIdiTheMeanOfPillars() {
        var score = IdiCalculator.compute(all(50, 50, 0, 0, 25)).orElseThrow();
        assertEquals(50.0, score.universalConnectivity());
        // meaningful: 3G, 4G, ownership at 50; traffic 0; prices at the worst goalpost 0 -> 150 / 7
        assertEquals(21.4, score.meaningfulConnectivity());
        assertEquals(35.7, score.idi());
    }

    @Test
    void pricesScoreInverselyAndTrafficOnALogScale() {
        IdiCalculator.Component price = IdiCalculator.COMPONENTS.stream().filter(c -> c.indicator().equals("IT_MOB_BSKT")).findFirst().orElseThrow();
        assertEquals(100.0, price.score(2));
        assertEquals(50.0, price.score(13.5), 1e-9);
        IdiCalculator.Component traffic = IdiCalculator.COMPONENTS.stream().filter(c -> c.indicator().equals("IT_MBB_TRAF")).findFirst().orElseThrow();
        assertTrue(traffic.score(17) > 45 && traffic.score(17) < 55, "log scale: 17 GB is about half of 300 GB: " + traffic.score(17));
    }

    @Test
    void anyMissingComponentMeansNoScore() {
        Map<String, Double> values = all(50, 50, 10, 10, 5);
        values.remove("IT_FBB_TRAF");
        assertTrue(IdiCalculator.compute(values).isEmpty());
    }
}
