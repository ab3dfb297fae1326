package com.polaris.kat.web;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Whether a failure says the database was away or refused for the moment (a connection lost or refused,
 * PostgreSQL restarting, a transaction it rolled back, resources short) rather than a fault of the request
 * or of the code. The one rule for both services: the web layers answer such a failure 503
 * {@code database-unavailable} ({@link ProblemHandler}), the projections retry the batch instead of parking
 * its event.
 */
public final class DatabaseFailures {

    /**
     * SQLState classes (SQL standard; PostgreSQL's appendix A) that say "try again": connection exception (08),
     * transaction rollback (40: serialization failure, deadlock), insufficient resources (53), operator
     * intervention (57: admin shutdown, crash shutdown, cannot connect now) and system error (58).
     */
    private static final Set<String> TRY_AGAIN_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57", "58");

    private DatabaseFailures() {
    }

    /**
     * @param failure what a request, a command or a batch threw; its causes are looked at too
     * @return true for Spring's resource-failure, transient and recoverable data access exceptions, a transaction
     *         that could not begin, commit or roll back, JDBC's transient and recoverable exceptions, an
     *         {@link SQLException} of a try-again SQLState class (a missing SQLState is not one), and HikariCP's closed
     *         pooled connection
     */
    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && (tryAgain(sql.getSQLState()) || closedPooledConnection(sql))) {
                return true;
            }
        }
        return false;
    }

    /**
     * HikariCP's pooled connection once the pool evicted it (its driver reported the connection broken, e.g. PostgreSQL
     * restarting) answers every further call with {@code SQLException("Connection is closed")} and no SQLState: what the SQL
     * standard calls 08003, connection does not exist. Seen as the last failure of a command whose first statement broke.
     */
    private static boolean closedPooledConnection(SQLException sql) {
        return sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage());
    }

    /** True for an SQLState of a try-again class (08, 40, 53, 57, 58); false for null or a malformed one. */
    public static boolean tryAgain(String sqlState) {
        return sqlState != null && sqlState.length() >= 2 && TRY_AGAIN_SQL_STATE_CLASSES.contains(sqlState.substring(0, 2));
    }
}
