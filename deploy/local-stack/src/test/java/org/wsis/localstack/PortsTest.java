package org.wsis.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsLieBelowTheEphemeralRangeAndAreNeverHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = Ports.freePort();
            assertTrue(port >= 15000 && port < Ports.ephemeralLow(),
                    port + " must lie below the ephemeral range starting at " + Ports.ephemeralLow());
            assertTrue(ports.add(port), "port " + port + " handed out twice");
        }
        assertEquals(50, ports.size());
    }
}
