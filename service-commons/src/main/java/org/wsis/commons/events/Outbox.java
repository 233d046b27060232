package org.wsis.commons.events;

import java.time.Clock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records an event in the same transaction as the state change it announces. Nothing is sent
 * here: {@link OutboxRelay} sends committed rows, so a rolled-back change never emits an event and
 * a committed one is never lost.
 */
@ApplicationScoped
public class Outbox {
    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final String source;
    private final Clock clock;

    public Outbox(EntityManager entityManager, ObjectMapper mapper,
                  @ConfigProperty(name = "wsis.events.source") String source, Clock clock) {
        this.clock = clock;
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.source = source;
    }

    /**
     * @param topic   e.g. stocktaking.entries (one per publishing service and aggregate)
     * @param key     the aggregate id; records with the same key stay in order
     * @param type    versioned event type, e.g. org.wsis.stocktaking.entry.published.v1
     * @param data    the payload, serialised as JSON
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent publish(String topic, String key, String type, Object data) {
        CloudEvent event = new CloudEvent("1.0", UUID.randomUUID().toString(), source, type, key,
                OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)), "application/json", mapper.valueToTree(data));
        try {
            entityManager.createNativeQuery("""
                            INSERT INTO outbox_event (id, topic, message_key, event_type, payload)
                            VALUES (?1, ?2, ?3, ?4, ?5)""")
                    .setParameter(1, UUID.fromString(event.id()))
                    .setParameter(2, topic)
                    .setParameter(3, key)
                    .setParameter(4, type)
                    .setParameter(5, mapper.writeValueAsString(event))
                    .executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event data of " + type + " is not serialisable", e);
        }
        return event;
    }
}
