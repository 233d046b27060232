package org.wsis.commons.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consumer skeleton's reading half (no database): what is applied, skipped or refused. */
class EventSubscriptionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final String PUBLISHED = "org.wsis.stocktaking.entry.published.v1";

    record Published(String entryId, String title) implements IncomingEventData {
        @Override
        public void requireComplete() {
            if (entryId == null) {
                throw new IllegalArgumentException("no entryId");
            }
        }
    }

    private final List<Published> applied = new ArrayList<>();
    private final EventSubscription subscription = EventSubscription.of("test.entries", "stocktaking.entries")
            .on(PUBLISHED, Published.class, applied::add);

    private static String event(String source, String type, String data) {
        return """
                {"specversion":"1.0","id":"e-1","source":"%s","type":"%s","data":%s}""".formatted(source, type, data);
    }

    @Test
    void aHandledTypeIsReadIntoItsRecordAndAppliedOnlyWhenRun() {
        Optional<EventSubscription.Delivery> delivery = subscription.read(event("/wsis/stocktaking-service", PUBLISHED,
                "{\"entryId\":\"x\",\"title\":\"T\",\"aFieldWeDoNotRead\":1}"), MAPPER);
        assertTrue(delivery.isPresent());
        assertEquals("e-1", delivery.get().eventId());
        assertTrue(applied.isEmpty(), "reading changes nothing");
        delivery.get().apply().run();
        assertEquals(List.of(new Published("x", "T")), applied);
    }

    @Test
    void aTypeTheConsumerDoesNotHandleIsSkipped() {
        assertTrue(subscription.read(event("/wsis/stocktaking-service", "org.wsis.stocktaking.entry.archived.v9", "{}"), MAPPER).isEmpty());
    }

    @Test
    void incompleteDataForeignSourcesAndNonEventsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> subscription.read(
                event("/wsis/stocktaking-service", PUBLISHED, "{\"title\":\"T\"}"), MAPPER), "no entryId");
        assertThrows(IllegalArgumentException.class, () -> subscription.read(
                event("/wsis/stocktaking-service", PUBLISHED, "null"), MAPPER), "no data");
        assertThrows(TopicOwners.ForeignEventException.class, () -> subscription.read(
                event("/wsis/forum-service", PUBLISHED, "{\"entryId\":\"x\"}"), MAPPER));
        assertThrows(IllegalArgumentException.class, () -> subscription.read("not json", MAPPER));
        assertTrue(applied.isEmpty());
    }

    @Test
    void aTypeHandledTwiceOrATopicWithoutOwnerIsAStartUpError() {
        assertThrows(IllegalArgumentException.class, () -> EventSubscription.of("c", "stocktaking.entries")
                .on(PUBLISHED, Published.class, p -> { }).on(PUBLISHED, Published.class, p -> { }));
        assertThrows(IllegalArgumentException.class, () -> EventSubscription.of("c", "unowned"));
    }
}
