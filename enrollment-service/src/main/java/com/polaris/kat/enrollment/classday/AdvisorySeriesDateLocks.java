package com.polaris.kat.enrollment.classday;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Collection;
import java.util.TreeSet;

/**
 * {@link SeriesDateLocks} as PostgreSQL's transaction-level advisory locks, {@code pg_advisory_xact_lock(NAMESPACE,
 * hashtext(seriesId))}, on the connection of the command's transaction (the one its events are appended in, in
 * PostgreSQL mode; in Axon Server mode the transaction that carries its idempotency claim, committed after the append).
 * Two series ids sharing a hash only wait for each other.
 */
@Component
public class AdvisorySeriesDateLocks implements SeriesDateLocks {

    /** The advisory locks' first key, this lock's namespace among any others on the database ("KATS" in ASCII). */
    public static final int NAMESPACE = 0x4B415453;

    private final JdbcTemplate jdbc;

    /** @param jdbc the command side's database, whose transaction the command runs in */
    public AdvisorySeriesDateLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void hold(Collection<String> seriesIds) {
        if (seriesIds.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("series date locks are held by a command's transaction; none is active");
        }
        for (String seriesId : new TreeSet<>(seriesIds)) {
            jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", rs -> null, NAMESPACE, seriesId);
        }
    }
}
