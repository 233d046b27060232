package org.wsis.commons.events;

import org.jboss.logging.Logger;

/**
 * Every topic has one owner, the service whose name starts it ({@code stocktaking.entries} belongs to
 * stocktaking-service), and only the owner publishes on it, with its own CloudEvent {@code source}
 * ({@code wsis.events.source = /wsis/<application name>}). Kafka's ACLs keep other principals off the
 * topic; this check is the consumer's own: an event whose source is not the topic's owner is
 * refused (the exception sends it to the consumer's dead-letter topic) and changes nothing.
 */
public final class TopicOwners {
    private static final Logger LOG = Logger.getLogger(TopicOwners.class);

    private TopicOwners() {
    }

    /** The source the owner of {@code topic} puts on its events, e.g. /wsis/prizes-service for prizes.results. */
    public static String ownerSource(String topic) {
        int dot = topic.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("topic " + topic + " does not name its owning service (<service>.<name>)");
        }
        return "/wsis/" + topic.substring(0, dot) + "-service";
    }

    /** Reads a record value of {@code topic} and refuses it unless its source is the topic's owner. */
    public static CloudEvent parseFromOwner(String json, String topic, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        return requireOwner(CloudEvent.parse(json, mapper), topic);
    }

    /** @return the event, when its source is the owner of {@code topic} */
    public static CloudEvent requireOwner(CloudEvent event, String topic) {
        String expected = ownerSource(topic);
        if (!expected.equals(event.source())) {
            // id, type and source are the sender's words: no control characters into our log
            LOG.warnf("Refused event %s of type %s on %s: source %s is not the topic's owner %s",
                    printable(event.id()), printable(event.type()), topic, printable(event.source()), expected);
            throw new ForeignEventException("event " + printable(event.id()) + " on " + topic + " comes from "
                    + printable(event.source()) + ", not from the topic's owner " + expected);
        }
        return event;
    }

    private static String printable(String text) {
        if (text == null) {
            return "null";
        }
        String clipped = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return clipped.replaceAll("\\p{Cc}", "?");
    }

    /** An event on a topic that its source does not own: refused and dead-lettered. */
    public static class ForeignEventException extends IllegalArgumentException {
        public ForeignEventException(String message) {
            super(message);
        }
    }
}
