package com.polaris.kat.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What PostgreSQL itself allows, measured in the same run as the services: single-row
 * INSERT + COMMIT transactions into a table shaped like the event table (same columns, same
 * unique indexes, rows the size of our events), and a sequential read of the event table.
 */
final class RawPostgres {

    record InsertResult(int clients, long transactions, double seconds, double perSecond, double p50Ms, double p99Ms) {
    }

    record ReadResult(long rows, long bytes, double seconds, double rowsPerSecond) {
    }

    private final Db db;
    private final String database;

    RawPostgres(Db db, String database) {
        this.db = db;
        this.database = database;
    }

    void createTable() throws SQLException {
        try (Connection c = db.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench_raw");
            s.execute("""
                    CREATE TABLE bench_raw.insert_commit (
                        global_index BIGSERIAL NOT NULL PRIMARY KEY,
                        event_identifier VARCHAR(255) NOT NULL,
                        aggregate_identifier VARCHAR(255) NOT NULL,
                        sequence_number BIGINT NOT NULL,
                        type VARCHAR(255),
                        time_stamp VARCHAR(255) NOT NULL,
                        payload_type VARCHAR(255) NOT NULL,
                        payload_revision VARCHAR(255),
                        payload BYTEA NOT NULL,
                        meta_data BYTEA,
                        UNIQUE (aggregate_identifier, sequence_number))""");
        }
    }

    /** Each client: its own connection, autocommit, one row per transaction, until the time is up. */
    InsertResult insertCommit(int clients, double seconds, byte[] payload, byte[] metaData) throws Exception {
        AtomicLong done = new AtomicLong();
        Latencies all = new Latencies();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] window = new long[2];
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                Latencies mine = new Latencies();
                try (Connection c = db.connect(database); PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO bench_raw.insert_commit (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    c.setAutoCommit(true);
                    String aggregate = UUID.randomUUID().toString();
                    ready.countDown();
                    go.await();
                    long end = window[1];
                    long seq = 0;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        ps.setString(1, UUID.randomUUID().toString());
                        ps.setString(2, aggregate);
                        ps.setLong(3, seq++);
                        ps.setString(4, "Series");
                        ps.setString(5, Instant.now().toString());
                        ps.setString(6, "com.polaris.kat.events.enrollment.EnrollmentEvents$RegistrationPlaced");
                        ps.setString(7, null);
                        ps.setBytes(8, payload);
                        ps.setBytes(9, metaData);
                        ps.executeUpdate();
                        mine.add(System.nanoTime() - t0);
                    }
                } catch (Exception e) {
                    failures.add(e);
                    ready.countDown();
                }
                done.addAndGet(mine.count());
                all.addAll(mine);
            }, "raw-insert-" + i);
            threads.add(t);
            t.start();
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + (long) (seconds * 1e9);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        double elapsed = (System.nanoTime() - window[0]) / 1e9;
        return new InsertResult(clients, done.get(), elapsed, done.get() / elapsed, all.percentileMs(50), all.percentileMs(99));
    }

    /** Every row and column of the event table, in global order, through a cursor (1,000 rows per fetch). */
    ReadResult readEvents() throws SQLException {
        try (Connection c = db.connect(database)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                long rows = 0, bytes = 0;
                long t0 = System.nanoTime();
                try (ResultSet r = s.executeQuery("""
                        SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                            payload_type, payload_revision, payload, meta_data FROM domain_event_entry ORDER BY global_index""")) {
                    while (r.next()) {
                        rows++;
                        bytes += r.getBytes(9).length;
                        byte[] m = r.getBytes(10);
                        bytes += m == null ? 0 : m.length;
                        r.getString(2);
                        r.getString(3);
                        r.getString(6);
                        r.getString(7);
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                c.commit();
                return new ReadResult(rows, bytes, seconds, rows / seconds);
            }
        }
    }
}
