package org.wsis.commons.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.OffsetDateTime;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the Kafka record value is this whole object.
 * {@code type} is versioned, e.g. org.wsis.stocktaking.entry.published.v1.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(String specversion, String id, String source, String type, String subject,
                         OffsetDateTime time, String datacontenttype, JsonNode data) {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /** Reads a record value; a value that is not a CloudEvent is refused (it goes to the dead-letter topic). */
    public static CloudEvent parse(String json, ObjectMapper mapper) {
        try {
            CloudEvent event = mapper.readerFor(CloudEvent.class)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(json);
            if (event.id() == null || event.type() == null || !"1.0".equals(event.specversion())) {
                throw new IllegalArgumentException("Not a CloudEvent 1.0 (id, type and specversion are required)");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public <T> T dataAs(Class<T> type, ObjectMapper mapper) {
        try {
            return mapper.readerFor(type)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(data);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Event " + id + " of type " + type + " has unreadable data: " + e.getMessage(), e);
        }
    }
}
