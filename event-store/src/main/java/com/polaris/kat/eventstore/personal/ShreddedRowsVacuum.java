package com.polaris.kat.eventstore.personal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Vacuums and analyses the tables that held personal data an erasure just blanked or shredded, once the transaction that
 * did it has committed. PostgreSQL keeps an updated row's old version (with the e-mail, the name, or a data key's wrapped
 * bytes) in the table's and its indexes' pages until a vacuum removes it, and {@code pg_stats} keeps sampled values until
 * the next analysis; autovacuum gets to a quiet table late or never. A fresh reviewer found erased names, licenses and
 * e-mail addresses in {@code pg_stats} and in the pages of the registrations, clinician search and waitlist views; a
 * shredded key's wrapped bytes, left in a page, would undo the crypto-shredding for whoever also holds the master key.
 * Product rule, "Personal data": an erasure removes contact details at once.
 *
 * <p>{@code VACUUM (ANALYZE)} runs on a thread of its own with a connection in autocommit (it cannot run in a
 * transaction), requests coalesced: one run at a time, and a request made during a run makes one more after it, so the
 * last erasure is always covered. Best effort: a row version an open transaction can still see stays until the next
 * vacuum; a failure is logged, never the erasure's. What this does not reach: the write-ahead log until its segments are
 * recycled, and backups (docs/decisions.md).
 */
public final class ShreddedRowsVacuum implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShreddedRowsVacuum.class);
    private static final Pattern TABLE = Pattern.compile("[a-z_]+\\.[a-z_]+");

    private final DataSource dataSource;
    private final List<String> tables;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "shredded-rows-vacuum");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();

    /**
     * @param dataSource the service's database
     * @param tables     schema-qualified tables holding personal data in plain text or wrapped keys, e.g.
     *                   {@code personal_data.data_key}
     * @throws IllegalArgumentException for a name that is not {@code schema.table} in lower case
     */
    public ShreddedRowsVacuum(DataSource dataSource, List<String> tables) {
        tables.forEach(t -> {
            if (!TABLE.matcher(t).matches()) {
                throw new IllegalArgumentException("not a schema-qualified table name: " + t);
            }
        });
        this.dataSource = dataSource;
        this.tables = List.copyOf(tables);
    }

    /**
     * Asks for a vacuum once the current Spring-managed transaction commits (nothing when it rolls back); at once when no
     * transaction is synchronised on this thread.
     */
    public void afterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    request();
                }
            });
        } else {
            request();
        }
    }

    /** Runs a vacuum of every table soon, unless one is already waiting to run. */
    void request() {
        if (pending.compareAndSet(false, true)) {
            thread.execute(this::vacuum);
        }
    }

    private void vacuum() {
        pending.set(false); // a request from now on runs once more after this one
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                for (String table : tables) {
                    s.execute("VACUUM (ANALYZE) " + table);
                    // PostgreSQL skips a table the role does not own with a warning, not an error: say so
                    for (java.sql.SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                        log.warn("vacuum of {} after an erasure: {}", table, w.getMessage());
                    }
                    s.clearWarnings();
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("vacuum of {} after an erasure failed; autovacuum will remove the old row versions later: {}", tables, e.getMessage());
        }
    }

    /** Waits up to 30 s for a vacuum in progress, then stops the thread. */
    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(30, TimeUnit.SECONDS);
    }
}
