package com.polaris.kat.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What PostgreSQL's backends for one database were doing while a load ran, and what its commits cost the server:
 * {@code pg_stat_activity} sampled every {@link #PERIOD_MILLIS} ms from a thread of its own (each backend in a
 * transaction counted under its state and wait event: "CPU" when active without a wait, "client" when idle in a
 * transaction, i.e. waiting for the service's next statement), and the differences of {@code pg_stat_database}
 * (commits) and {@code pg_stat_wal} (records, bytes, WAL writes and syncs, sync milliseconds when
 * {@code track_wal_io_timing} is on) over the window. {@code pg_stat_wal} is the server's, not the database's: the
 * benchmark's database should be the only one written meanwhile.
 * <p>
 * Used by {@code infra/bench/run.sh profile waits}; not in the quick and full runs, whose figures it would perturb
 * (one query per sample on the same two cores).
 */
final class ServerWaits implements AutoCloseable {

    static final int PERIOD_MILLIS = 5;

    private final Connection connection;
    private final String database;
    private final Map<String, Long> busy = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread sampler;
    private long samples;
    private Map<String, Double> countersAtStart;
    private final Map<String, Double> counters = new LinkedHashMap<>();

    ServerWaits(Db db, String database) throws SQLException {
        this.connection = db.connect("postgres");
        this.database = database;
    }

    /**
     * Starts a window: the counters are read now, and the sampler runs until {@link #stop}. The windows of one instance
     * add up (one instance per kind of load, its slices interleaved with the other kind's).
     */
    void start() throws SQLException {
        countersAtStart = readCounters();
        running.set(true);
        sampler = new Thread(this::sample, "server-waits");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Ends the window: the sampler stops and the counters' differences since {@link #start} are added. */
    void stop() throws Exception {
        running.set(false);
        sampler.join();
        readCounters().forEach((k, v) -> counters.merge(k, v - countersAtStart.getOrDefault(k, 0.0), Double::sum));
    }

    /**
     * The window's figures per registration: each counter's difference divided by {@code registrations}
     * ("commits", "walRecords", "walBytes", "walWrites", "walSyncs", "walSyncMs"), and the mean number of the
     * database's backends in each state per sample ("in transaction: CPU", "in transaction: Lock/object", ...).
     */
    Map<String, Object> perRegistration(long registrations) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Double> per = new LinkedHashMap<>();
        counters.forEach((k, v) -> per.put(k, v / Math.max(1, registrations)));
        out.put("perRegistration", per);
        Map<String, Double> mean = new LinkedHashMap<>();
        synchronized (busy) {
            long n = Math.max(1, samples);
            busy.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .forEach(e -> mean.put(e.getKey(), (double) e.getValue() / n));
            out.put("samples", samples);
        }
        out.put("meanBackendsBy", mean);
        return out;
    }

    private void sample() {
        String sql = "SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || '/' || wait_event, 'CPU')"
                + " ELSE 'client (' || state || ')' END, count(*) FROM pg_stat_activity"
                + " WHERE datname = ? AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction') GROUP BY 1";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, database);
            while (running.get()) {
                long next = System.nanoTime() + PERIOD_MILLIS * 1_000_000L;
                Map<String, Long> now = new LinkedHashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        now.put(r.getString(1), r.getLong(2));
                    }
                }
                synchronized (busy) {
                    now.forEach((k, v) -> busy.merge(k, v, Long::sum));
                    samples++;
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sampling pg_stat_activity failed", e);
        }
    }

    private Map<String, Double> readCounters() throws SQLException {
        Map<String, Double> c = new LinkedHashMap<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = '" + database + "'")) {
                r.next();
                c.put("commits", r.getDouble(1));
            }
            try (ResultSet r = s.executeQuery("SELECT wal_records, wal_bytes, wal_write, wal_sync, wal_sync_time FROM pg_stat_wal")) {
                r.next();
                c.put("walRecords", r.getDouble(1));
                c.put("walBytes", r.getDouble(2));
                c.put("walWrites", r.getDouble(3));
                c.put("walSyncs", r.getDouble(4));
                c.put("walSyncMs", r.getDouble(5));
            }
        }
        return c;
    }

    @Override
    public void close() throws SQLException {
        running.set(false);
        connection.close();
    }
}
