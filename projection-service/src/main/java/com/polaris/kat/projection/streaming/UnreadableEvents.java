package com.polaris.kat.projection.streaming;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.UnknownSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An event whose type this build does not know (written by a newer enrollment-service) cannot be
 * projected; it is not silently skipped: each projection that meets one logs an ERROR naming the
 * stream, sequence and type, and counts it in {@code kat.projection.events.unreadable} (tags:
 * projection, eventType). The projection goes on; a rebuild after deploying the build that knows
 * the type projects it.
 */
@Component
public class UnreadableEvents {

    private static final Logger log = LoggerFactory.getLogger(UnreadableEvents.class);

    private final MeterRegistry meters;

    public UnreadableEvents(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Records that {@code projection} met {@code event}, whose payload is of an unknown type. */
    public void met(String projection, UnknownSerializedType payload, EventMessage<?> event) {
        String type = payload.serializedType().getName();
        String stream = event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : "-";
        Long sequence = event instanceof DomainEventMessage<?> d ? d.getSequenceNumber() : null;
        log.error("projection {} cannot read event {} of unknown type {} (stream {}, sequence {}); skipped, counted in kat.projection.events.unreadable",
                projection, event.getIdentifier(), type, stream, sequence);
        meters.counter("kat.projection.events.unreadable", "projection", projection, "eventType", type).increment();
    }
}
