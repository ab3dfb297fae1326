package com.polaris.kat.projection.streaming;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Why a projection could not handle an event: the database or the network was briefly away
 * ({@link #TRANSIENT}: retry the batch, park nothing), or the event itself cannot be projected as
 * it is ({@link #DATA}: a value out of range, a broken invariant, a bug in a handler; retrying does
 * not help, so the event is parked in the dead-letter queue and the projection goes on).
 */
public enum FailureKind {
    TRANSIENT, DATA;

    /** SQLState classes that say "try again": connection (08), rollback (40), resources (53), operator (57), system (58). */
    private static final java.util.Set<String> TRANSIENT_SQL_STATE_CLASSES = java.util.Set.of("08", "40", "53", "57", "58");

    /**
     * @param failure what a handler or a batch's commit threw (its causes are looked at too)
     * @return {@link #TRANSIENT} for a connection, rollback, resource, operator or system SQLState
     *         class (08, 40, 53, 57, 58), Spring's transient and resource-failure exceptions, and a
     *         {@link ProjectionWriter.QueuedStatementFailed}; {@link #DATA} for anything else
     */
    public static FailureKind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProjectionWriter.QueuedStatementFailed) {
                return TRANSIENT; // another event's statement: retry the batch isolated
            }
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return TRANSIENT;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && TRANSIENT_SQL_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return TRANSIENT;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return DATA;
    }
}
