package org.wsis.commons.events;

/**
 * The data of an incoming event, as one consumer reads it (a record of the fields it uses). The
 * consumer says which of them it cannot do without: an event lacking one is refused before anything
 * is recorded or changed, and goes to the dead-letter topic.
 */
public interface IncomingEventData {

    /** @throws IllegalArgumentException naming what is missing or wrong */
    void requireComplete();
}
