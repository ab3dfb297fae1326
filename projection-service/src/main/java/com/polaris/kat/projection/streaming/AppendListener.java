package com.polaris.kat.projection.streaming;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * LISTENs on its own database connection for the event store's "events appended" notification (sent by
 * the writer's {@link com.polaris.kat.eventstore.position.AppendNotifier} after its events commit) and
 * wakes the event store's reader. If the connection breaks it reconnects; meanwhile the reader's
 * ordinary polling still finds every event. PostgreSQL event store only (not in Axon Server mode).
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class AppendListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AppendListener.class);
    static final String CHANNEL = com.polaris.kat.eventstore.position.AppendNotifier.CHANNEL;

    private final WakeableEventStore eventStore;
    private final DataSourceProperties db;
    private final boolean enabled;
    private final AtomicLong notifications = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public AppendListener(WakeableEventStore eventStore, DataSourceProperties db,
                          @Value("${kat.projections.listen-for-appends:true}") boolean enabled) {
        this.eventStore = eventStore;
        this.db = db;
        this.enabled = enabled;
    }

    public long notificationsReceived() {
        return notifications.get();
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "event-append-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Failed attempts to listen since the last success (the listener's thread only). */
    private long failures;

    private void listen() {
        while (running) {
            try (Connection c = DriverManager.getConnection(db.determineUrl(), db.determineUsername(), db.determinePassword())) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                eventStore.eventsAppended(); // anything committed while we were not listening
                if (failures > 0) {
                    log.info("listening for appended events again, after {} failed attempts to reconnect", failures);
                    failures = 0;
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications(1000);
                    if (received != null && received.length > 0) {
                        notifications.addAndGet(received.length);
                        eventStore.eventsAppended();
                    }
                }
            } catch (Exception e) {
                if (running) {
                    // once per outage, not every second of it (a fresh reviewer's log had one each second while PostgreSQL was down)
                    if (failures++ == 0) {
                        log.warn("listening for appended events failed ({}); reconnecting every second, polling continues meanwhile",
                                e.toString());
                    } else {
                        log.debug("reconnecting to listen for appended events failed again ({})", e.toString());
                    }
                    try {
                        Thread.sleep(1000); // back-off before reconnecting; not a wait for a result
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
