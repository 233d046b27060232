package org.wsis.commons.events;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one outbox record on the 'outbox' channel (Kafka) to the record's own topic and key, and
 * completes when the broker has acknowledged it (acks=all).
 */
@ApplicationScoped
public class OutboxSender {

    @Inject
    @Channel("outbox")
    Emitter<String> emitter;

    public CompletableFuture<Void> send(String topic, String key, String cloudEventJson) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic).withKey(key).withHeaders(headers).build();
        emitter.send(Message.of(cloudEventJson, Metadata.of(metadata),
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }
}
