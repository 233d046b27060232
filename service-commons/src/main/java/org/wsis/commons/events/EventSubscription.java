package org.wsis.commons.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What one consumer takes from one topic: for each event type it handles, the data record it reads
 * and what it does with it. Everything else of consuming (the CloudEvent, the topic owner, the
 * inbox, the transaction) is {@link EventInbox}'s, so a consumer holds only its domain handling:
 * <pre>{@code
 * EventSubscription.of("prizes.eligible-entries", "stocktaking.entries")
 *         .on("org.wsis.stocktaking.entry.published.v1", EntryPublished.class, this::published)
 * }</pre>
 * Types the subscription does not name are skipped (not recorded), so a publisher may add event
 * types without breaking its consumers.
 */
public final class EventSubscription {
    private final String consumer;
    private final String topic;
    private final Map<String, Handler<?>> handlers = new LinkedHashMap<>();

    private EventSubscription(String consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
        TopicOwners.ownerSource(topic); // fails now, at start-up, for a topic that names no owner
    }

    /**
     * @param consumer the inbox name of this consumer (processed_event.consumer): unique per service, never renamed,
     *                 or already applied events would be applied again
     * @param topic    the Kafka topic, named after its owning service (stocktaking.entries)
     */
    public static EventSubscription of(String consumer, String topic) {
        return new EventSubscription(consumer, topic);
    }

    /** Handles events of {@code type}: their data read as {@code dataType}, checked complete, then applied. */
    public <T extends IncomingEventData> EventSubscription on(String type, Class<T> dataType, Consumer<T> apply) {
        if (handlers.putIfAbsent(type, new Handler<>(dataType, apply)) != null) {
            throw new IllegalArgumentException(consumer + " handles " + type + " twice");
        }
        return this;
    }

    public String consumer() {
        return consumer;
    }

    public String topic() {
        return topic;
    }

    /**
     * Reads a record value of the topic into what applying it takes, without changing anything yet.
     *
     * @return empty for an event type this consumer does not handle
     * @throws IllegalArgumentException for a value that is not a CloudEvent from the topic's owner, or whose
     *                                  data is unreadable or incomplete (the connector dead-letters it)
     */
    public Optional<Delivery> read(String value, ObjectMapper mapper) {
        CloudEvent event = TopicOwners.parseFromOwner(value, topic, mapper);
        Handler<?> handler = handlers.get(event.type());
        return handler == null ? Optional.empty() : Optional.of(handler.read(event, mapper));
    }

    /** An event ready to apply: its id (the inbox key) and the consumer's handling of its data. */
    public record Delivery(String eventId, String type, Runnable apply) {
    }

    private record Handler<T extends IncomingEventData>(Class<T> dataType, Consumer<T> apply) {
        Delivery read(CloudEvent event, ObjectMapper mapper) {
            T data = event.dataAs(dataType, mapper);
            if (data == null) {
                throw new IllegalArgumentException("event " + event.id() + " of type " + event.type() + " has no data");
            }
            data.requireComplete();
            return new Delivery(event.id(), event.type(), () -> apply.accept(data));
        }
    }
}
