package com.polaris.kat.projection.streaming;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes everything the projection service has committed so far durable before an administrator is told an action
 * happened. The service commits asynchronously (application.yml, docs/decisions.md): a database crash can take its last
 * commits back, which for views is made good by handling the events again (CompareAndSetTokenStore), but not for an
 * action a person was told was done (a rebuild answered 202, parked events answered "retried").
 * <p>How: a transaction with {@code synchronous_commit} on that writes a WAL record (it updates the one row of
 * {@code projection.durable_mark}) waits at its commit for the WAL to be flushed up to its commit record; PostgreSQL writes
 * the WAL in order, so every earlier commit is then on disk too (PostgreSQL manual, "Asynchronous Commit"). A transaction
 * that only takes a transaction id writes no WAL and flushes nothing (tried first: the test caught it). One WAL flush per
 * action.
 */
@Component
public class DurableCommits {

    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    public DurableCommits(PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        this.transactions = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
    }

    /**
     * Returns once every transaction this service committed before the call is flushed to disk.
     *
     * @throws org.springframework.dao.DataAccessException the database could not be reached (503 database-unavailable)
     */
    public void flush() {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL synchronous_commit TO on");
            jdbc.update("UPDATE projection.durable_mark SET flushed_at = now() WHERE id = 1");
        });
    }
}
