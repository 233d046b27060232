package org.wsis.commons.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The one consumer skeleton of the platform. For each record value: parse the CloudEvent, refuse it
 * unless the topic's owner sent it, pick the handler of its type (skip other types), read and check
 * its data, then, in one transaction, record its id in the inbox and apply it. A redelivered event
 * finds its id recorded and changes nothing; a refused one throws, changes nothing, and the
 * connector sends it to the consumer's dead-letter topic. Called from the consumer's
 * {@code @Incoming @Blocking} method, so events of a partition are applied one at a time, in order.
 */
@ApplicationScoped
public class EventInbox {
    private final ProcessedEvents processed;
    private final ObjectMapper mapper;

    public EventInbox(ProcessedEvents processed, ObjectMapper mapper) {
        this.processed = processed;
        this.mapper = mapper;
    }

    /** @return true when the event was applied, false when skipped (a type not handled, or a redelivery) */
    @Transactional
    public boolean receive(String value, EventSubscription subscription) {
        return subscription.read(value, mapper)
                .filter(delivery -> processed.firstDelivery(subscription.consumer(), delivery.eventId()))
                .map(delivery -> {
                    delivery.apply().run();
                    return true;
                })
                .orElse(false);
    }
}
