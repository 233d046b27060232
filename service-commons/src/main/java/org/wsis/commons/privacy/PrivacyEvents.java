package org.wsis.commons.privacy;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.wsis.commons.events.EventInbox;
import org.wsis.commons.events.EventSubscription;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every service consumes the erasure requests and confirmations of every service (the four {@code <service>.privacy}
 * topics, channel {@code privacy} in service-commons' configuration) through the commons inbox: one subscription
 * per topic, so each topic's events are checked to come from its owner.
 */
@ApplicationScoped
public class PrivacyEvents {
    private final EventInbox inbox;
    private final Map<String, EventSubscription> subscriptions;

    PrivacyEvents(EventInbox inbox, Erasures erasures, @ConfigProperty(name = "wsis.privacy.services") List<String> services) {
        this.inbox = inbox;
        this.subscriptions = services.stream().map(ErasureEvents::topicOf).collect(Collectors.toMap(Function.identity(),
                topic -> EventSubscription.of("privacy." + topic, topic)
                        .on(ErasureEvents.REQUESTED, ErasureEvents.Requested.class, erasures::apply)
                        .on(ErasureEvents.CONFIRMED, ErasureEvents.Confirmed.class, erasures::confirmed)));
    }

    @Incoming("privacy")
    @Blocking
    public void onEvent(ConsumerRecord<String, String> record) {
        EventSubscription subscription = subscriptions.get(record.topic());
        if (subscription == null) {
            throw new IllegalArgumentException("privacy events from " + record.topic() + ", a topic of no known service");
        }
        inbox.receive(record.value(), subscription);
    }
}
