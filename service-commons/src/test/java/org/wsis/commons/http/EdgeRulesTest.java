package org.wsis.commons.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The small rules behind PublicUrls and HttpCaching; the whole behaviour is in e2e-tests' PublicEdgeTest. */
class EdgeRulesTest {

    @Test
    void trustedProxiesAreAddressesOrBlocks() throws Exception {
        PublicUrls.Cidr loopback = PublicUrls.Cidr.parse("127.0.0.1");
        assertTrue(loopback.contains(InetAddress.getByName("127.0.0.1")));
        assertFalse(loopback.contains(InetAddress.getByName("127.0.0.2")));
        PublicUrls.Cidr pods = PublicUrls.Cidr.parse("10.42.0.0/16");
        assertTrue(pods.contains(InetAddress.getByName("10.42.200.7")));
        assertFalse(pods.contains(InetAddress.getByName("10.43.0.1")));
        assertTrue(PublicUrls.Cidr.parse("::1").contains(InetAddress.getByName("0:0:0:0:0:0:0:1")));
        assertFalse(PublicUrls.Cidr.parse("::1").contains(InetAddress.getByName("127.0.0.1")));
        // Host names would mean a DNS lookup per start and a spoofable trust: refused.
        assertThrows(IllegalArgumentException.class, () -> PublicUrls.Cidr.parse("gateway.internal"));
        assertThrows(IllegalArgumentException.class, () -> PublicUrls.Cidr.parse("10.0.0.0/33"));
    }

    @Test
    void personalPathGlobs() {
        Pattern me = HttpCaching.glob("/api/v1/**/me");
        assertTrue(me.matcher("/api/v1/editions/2026/registrations/me").matches());
        assertTrue(me.matcher("/api/v1/me").matches());
        assertFalse(me.matcher("/api/v1/members").matches());
        Pattern under = HttpCaching.glob("/api/v1/**/mine/**");
        assertTrue(under.matcher("/api/v1/editions/2026/votes/mine").matches());
        assertFalse(under.matcher("/api/v1/entries/minefield").matches());
        assertTrue(HttpCaching.glob("/api/v1/sessions/*/attendees").matcher("/api/v1/sessions/7/attendees").matches());
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        assertTrue(HttpCaching.matches("W/\"abc\"", "W/\"abc\""));
        assertTrue(HttpCaching.matches("\"abc\"", "W/\"abc\""));
        assertTrue(HttpCaching.matches("\"x\", W/\"abc\"", "\"abc\""));
        assertTrue(HttpCaching.matches("*", "\"abc\""));
        assertFalse(HttpCaching.matches("\"abd\"", "\"abc\""));
        assertFalse(HttpCaching.matches(null, "\"abc\""));
    }
}
