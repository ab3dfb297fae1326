package com.polaris.kat.enrollment.rules;

import org.axonframework.common.AxonNonTransientException;

/**
 * An aggregate's event stream holds an event this build cannot read (its payload class does not
 * exist here, e.g. written by a newer version of the service), so no decision may be taken on it:
 * deciding on the events before it would decide on incomplete state. Thrown while the aggregate is
 * sourced ({@link ReadableStreamAggregate}); the command fails, nothing is appended. The web layer
 * answers {@code 503 urn:kat:problem:stream-unreadable} with {@code Retry-After} (docs/problems.md).
 * Non-transient: neither Axon nor the write-conflict retry retries it (re-reading the same stream
 * gives the same answer).
 */
public class StreamUnreadable extends AxonNonTransientException {

    private final String aggregateId;
    private final long sequenceNumber;
    private final String eventType;

    /**
     * @param aggregateId    the stream (aggregate identifier)
     * @param sequenceNumber the unreadable event's sequence number in that stream
     * @param eventType      the stored payload type (a class name) and revision, as stored
     */
    public StreamUnreadable(String aggregateId, long sequenceNumber, String eventType) {
        super("Event stream " + aggregateId + " holds an event this build cannot read at sequence number " + sequenceNumber
                + " (type " + eventType + ")");
        this.aggregateId = aggregateId;
        this.sequenceNumber = sequenceNumber;
        this.eventType = eventType;
    }

    /** The stream (aggregate identifier) that cannot be read in full. */
    public String aggregateId() {
        return aggregateId;
    }

    /** The sequence number of the first unreadable event in the stream. */
    public long sequenceNumber() {
        return sequenceNumber;
    }

    /** The stored payload type of that event (class name, and revision when it has one). */
    public String eventType() {
        return eventType;
    }
}
