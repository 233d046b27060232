package org.wsis.commons.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopicOwnersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    private static String event(String source) {
        return """
                {"specversion":"1.0","id":"e-1","source":"%s","type":"org.wsis.stocktaking.entry.published.v1","data":{}}"""
                .formatted(source);
    }

    @Test
    void theOwnerOfATopicIsTheServiceItsNameStartsWith() {
        assertEquals("/wsis/stocktaking-service", TopicOwners.ownerSource("stocktaking.entries"));
        assertEquals("/wsis/prizes-service", TopicOwners.ownerSource("prizes.results"));
        assertThrows(IllegalArgumentException.class, () -> TopicOwners.ownerSource("unowned"));
    }

    @Test
    void anEventFromTheOwnerIsReadAndAnyOtherSourceIsRefused() {
        assertEquals("e-1", TopicOwners.parseFromOwner(event("/wsis/stocktaking-service"), "stocktaking.entries", MAPPER).id());
        for (String forged : new String[]{"/wsis/forum-service", "/wsis/stocktaking-service/", "", "null"}) {
            assertThrows(TopicOwners.ForeignEventException.class,
                    () -> TopicOwners.parseFromOwner(event(forged), "stocktaking.entries", MAPPER), forged);
        }
        assertThrows(TopicOwners.ForeignEventException.class, () -> TopicOwners.parseFromOwner(
                "{\"specversion\":\"1.0\",\"id\":\"e-2\",\"type\":\"t\"}", "stocktaking.entries", MAPPER), "no source at all");
    }
}
