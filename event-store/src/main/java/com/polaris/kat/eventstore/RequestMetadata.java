package com.polaris.kat.eventstore;

/** Names of the metadata every command and event carries. */
public final class RequestMetadata {
    public static final String ACTOR = "actor";
    public static final String CORRELATION_ID = "correlationId";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String REASON = "reason";

    private RequestMetadata() {
    }

    /**
     * The metadata of a command a system process sends because of an event: the process as actor, and the event's
     * correlation id (when it has one), so the audit trail ties the step to the request that caused it.
     *
     * @param actor the process, e.g. {@code system:erasure-waitlist}
     * @param cause the event's metadata
     */
    public static org.axonframework.messaging.MetaData system(String actor, org.axonframework.messaging.MetaData cause) {
        org.axonframework.messaging.MetaData m = org.axonframework.messaging.MetaData.with(ACTOR, actor);
        Object correlation = cause.get(CORRELATION_ID);
        return correlation == null ? m : m.and(CORRELATION_ID, correlation);
    }
}
