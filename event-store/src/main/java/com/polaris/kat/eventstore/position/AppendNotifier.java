package com.polaris.kat.eventstore.position;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells readers of the event store (the projection service's {@code AppendListener}) that events were
 * committed: {@code NOTIFY} on channel {@value #CHANNEL}, sent from one thread of its own after the
 * appending transactions committed, at most one notification in flight and at most one per gap (a few
 * milliseconds); the signals that arrive meanwhile are folded into the next one.
 * <p>
 * Used with {@code kat.event-store.notify=after-commit}; by default the event table's trigger notifies inside
 * each appending transaction. Why one would choose this: PostgreSQL serialises the commits of all
 * transactions that {@code NOTIFY} (they take one global lock from the notify's pre-commit until the
 * commit record is flushed, so notifications queue in commit order). Measured with pgbench on this
 * project's machine (16 clients, two event inserts and a commit per transaction): 2,325 transactions/s
 * with the trigger, 4,717/s without. A notification here is its own transaction without writes (no
 * commit record to flush), and one sender never waits for another; but it is a round trip of its own,
 * and the benchmark's registrations, which never reach such commit rates, were not faster with it
 * (docs/benchmarks.md, 2026-12-01), so it is not the default.
 * <p>
 * A notification is only a wake-up: a lost one (the connection broke) delays a reader until its next
 * poll, never loses an event (the reader's token, not the notification, says what it has read).
 */
public final class AppendNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppendNotifier.class);
    /** The channel readers LISTEN on. */
    public static final String CHANNEL = "kat_events_appended";

    private final Callable<Connection> connections;
    private final long gapNanos;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final java.util.concurrent.atomic.LongAdder signals = new java.util.concurrent.atomic.LongAdder();
    private volatile boolean running = true;
    private volatile Thread thread;

    /**
     * @param connections opens the notifier's own connection (kept open, reopened after a failure); not
     *                    one borrowed from the application's pool, which registrations may hold all of
     * @param gap         the least time between two notifications: the first signal after a quiet spell is
     *                    sent at once, later ones wait for the gap and go as one (without a gap, under load this
     *                    thread sent one notification per commit: a round trip and a transaction each)
     */
    public AppendNotifier(Callable<Connection> connections, java.time.Duration gap) {
        this.connections = connections;
        this.gapNanos = gap.toNanos();
    }

    /** Events were committed: a notification follows (folded with others signalled before it is sent). */
    public void signal() {
        signals.increment();
        if (pending.compareAndSet(false, true)) {
            Thread t = thread;
            if (t == null) {
                t = start();
            }
            LockSupport.unpark(t);
        }
    }

    /** Signals so far: one per committed transaction that appended events. */
    public long signalsReceived() {
        return signals.sum();
    }

    /** Notifications sent so far (each stands for one or more signals). */
    public long notificationsSent() {
        return sent.get();
    }

    private synchronized Thread start() {
        if (thread == null && running) {
            Thread t = new Thread(this::run, "event-append-notifier");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
        return thread;
    }

    private void run() {
        Connection connection = null;
        while (running) {
            if (!pending.getAndSet(false)) {
                LockSupport.park(this);
                continue;
            }
            try {
                if (connection == null) {
                    connection = connections.call();
                    connection.setAutoCommit(true);
                }
                try (Statement s = connection.createStatement()) {
                    s.execute("SELECT pg_notify('" + CHANNEL + "', '')");
                }
                sent.incrementAndGet();
                long until = System.nanoTime() + gapNanos;
                for (long left = gapNanos; left > 0 && running; left = until - System.nanoTime()) {
                    LockSupport.parkNanos(this, left); // the gap: signals meanwhile are folded into the next notification
                }
            } catch (Exception e) {
                close(connection);
                connection = null;
                if (running) {
                    log.warn("could not notify readers of appended events ({}); they find them on their next poll; retrying in 1 s",
                            e.toString());
                    pending.set(true);
                    LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1)); // back-off before reconnecting
                }
            }
        }
        close(connection);
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is dropped either way
            }
        }
    }

    /** Stops the thread and closes its connection. */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
