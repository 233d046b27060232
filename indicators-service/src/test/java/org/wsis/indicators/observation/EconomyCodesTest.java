package org.wsis.indicators.observation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Economy codes through the platform's one vocabulary: plain JUnit. */
class EconomyCodesTest {
    @Test
    void countriesInAnyFormAreAlpha3AndRegionsTheirAggregate() {
        assertEquals(List.of("KEN"), EconomyCodes.canonical(List.of("KEN", "KE", "ke", "404")));
        assertEquals("BTN", EconomyCodes.canonical("64"));
        assertEquals("ITU_AFR", EconomyCodes.canonical("AFR"));
        assertEquals("ITU_EUR", EconomyCodes.canonical("ITU_EUR"));
        assertEquals("WLD", EconomyCodes.canonical("WLD"));   // an aggregate of its own: as given
        assertEquals("INT", EconomyCodes.canonical("INT"));   // not an ITU region: no aggregate, left to the caller
        assertEquals("XYZ", EconomyCodes.canonical("XYZ"));   // unknown: the caller reports it
        assertEquals("MWI", EconomyCodes.aliases().get("MW"));
        assertEquals("MWI", EconomyCodes.aliases().get("454"));
        assertEquals("ITU_CIS", EconomyCodes.aliases().get("CIS"));
    }
}
