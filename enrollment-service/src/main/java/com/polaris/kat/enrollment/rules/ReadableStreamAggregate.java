package com.polaris.kat.enrollment.rules;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every event-sourced aggregate here (Series, ClassDay, CourseModule, CreditAccount):
 * an aggregate decides only on a stream it can read in full. Axon's Jackson serializer turns an
 * event whose payload class this build does not have into an {@link UnknownSerializedType}, and an
 * aggregate without a handler for it would skip it silently and decide on incomplete state (sell a
 * seat a newer version had already taken). This handler stops sourcing at that event instead: it
 * logs an ERROR naming the stream, the sequence number and the stored type, and throws
 * {@link StreamUnreadable}, so the command fails and nothing is appended. The same in both event
 * store modes (PostgreSQL through Axon's JDBC engine, Axon Server): both read through that serializer.
 * {@code EveryAggregateRefusesUnreadableStreamsTest} checks that every {@code @Aggregate} extends this.
 */
public abstract class ReadableStreamAggregate {

    private static final Logger log = LoggerFactory.getLogger(ReadableStreamAggregate.class);

    /** For subclasses (Axon creates aggregates through their no-argument constructor). */
    protected ReadableStreamAggregate() {
    }

    /**
     * Refuses to go on sourcing past an event this build cannot read.
     *
     * @throws StreamUnreadable always (Axon wraps it in a MessageHandlerInvocationException)
     */
    @EventSourcingHandler
    final void refuseUnreadableEvent(UnknownSerializedType unknown, DomainEventMessage<?> event) {
        SerializedType type = unknown.serializedType();
        String stored = type.getName() + (type.getRevision() == null ? "" : " revision " + type.getRevision());
        log.error("Event stream {} cannot be read in full: the event at sequence number {} has the unknown type {} (event id {}); "
                        + "no decision is taken on this stream until this build can read it",
                event.getAggregateIdentifier(), event.getSequenceNumber(), stored, event.getIdentifier());
        throw new StreamUnreadable(event.getAggregateIdentifier(), event.getSequenceNumber(), stored);
    }
}
