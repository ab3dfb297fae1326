package com.polaris.kat.projection.streaming;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's embedded event store, which another process's appends would only reach on the next poll
 * (fetch delay). {@link #eventsAppended()} wakes its reader at once; the listener calls it when
 * PostgreSQL notifies that events were committed.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    public WakeableEventStore(Builder builder) {
        super(builder);
    }

    public void eventsAppended() {
        afterCommit(List.of());
    }
}
