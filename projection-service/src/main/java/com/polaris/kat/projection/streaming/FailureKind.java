package com.polaris.kat.projection.streaming;

import com.polaris.kat.web.DatabaseFailures;

/**
 * Why a projection could not handle an event: the database or the network was briefly away
 * ({@link #TRANSIENT}: retry the batch, park nothing), or the event itself cannot be projected as
 * it is ({@link #DATA}: a value out of range, a broken invariant, a bug in a handler; retrying does
 * not help, so the event is parked in the dead-letter queue and the projection goes on).
 */
public enum FailureKind {
    TRANSIENT, DATA;

    /**
     * @param failure what a handler or a batch's commit threw (its causes are looked at too)
     * @return {@link #TRANSIENT} when the database was away or refused for the moment ({@link DatabaseFailures#unavailable}:
     *         the rule the web layers answer 503 by, too) or for a {@link ProjectionWriter.QueuedStatementFailed};
     *         {@link #DATA} for anything else
     */
    public static FailureKind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProjectionWriter.QueuedStatementFailed) {
                return TRANSIENT; // another event's statement: retry the batch isolated
            }
        }
        return DatabaseFailures.unavailable(failure) ? TRANSIENT : DATA;
    }
}
