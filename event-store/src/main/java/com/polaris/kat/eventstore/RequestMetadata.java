package com.polaris.kat.eventstore;

/** Names of the metadata every command and event carries. */
public final class RequestMetadata {
    public static final String ACTOR = "actor";
    public static final String CORRELATION_ID = "correlationId";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String REASON = "reason";

    private RequestMetadata() {
    }
}
