package com.polaris.kat.projection.streaming;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.UnknownSerializedType;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What every projection (a class annotated {@code @ProcessingGroup}) does with an event whose type
 * this build does not know: it reports it ({@link UnreadableEvents}) instead of skipping it in silence.
 */
public abstract class Projection {

    private UnreadableEvents unreadableEvents;

    @Autowired
    void setUnreadableEvents(UnreadableEvents unreadableEvents) {
        this.unreadableEvents = unreadableEvents;
    }

    /** The projection's name: its processing group. */
    protected String projectionName() {
        ProcessingGroup group = getClass().getAnnotation(ProcessingGroup.class);
        return group == null ? getClass().getSimpleName() : group.value();
    }

    @EventHandler
    void onUnreadable(UnknownSerializedType payload, EventMessage<?> event) {
        unreadableEvents.met(projectionName(), payload, event);
    }
}
