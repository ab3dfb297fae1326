package com.polaris.kat.enrollment.config;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import com.polaris.kat.eventstore.position.AppendNotifier;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.ApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * By default ({@code kat.event-store.notify=in-transaction}) the event table's trigger notifies readers (channel
 * kat_events_appended) inside each appending transaction, delivered by PostgreSQL at its commit; no notifier
 * thread runs. ({@link AppendNotificationTest}: the after-commit choice.)
 */
class InTransactionNotificationTest extends EnrollmentServiceTestBase {

    @Autowired
    private DataSourceProperties db;
    @Autowired
    private ApplicationContext context;

    @Test
    void aCommandsCommitNotifiesFromTheTransactionItself() throws Exception {
        assertThat(context.getBeansOfType(AppendNotifier.class)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT current_setting('kat.notify_after_commit', true)", String.class)).isNull();
        try (Connection listener = DriverManager.getConnection(db.determineUrl(), db.determineUsername(), db.determinePassword())) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + AppendNotifier.CHANNEL);
            }
            PGConnection pg = listener.unwrap(PGConnection.class);
            pg.getNotifications(1); // drain
            clock.set("2031-01-01T00:00:00Z");
            defineProgramModules();
            var scheduled = post("/api/catalog/series", Map.of("seriesNumber", 9872, "capacity", 2, "priceCents", 210000,
                    "ceOptionPriceCents", 7500, "classDays", List.of(Map.of("module", "M1", "date", "2031-04-11"))));
            assertThat(scheduled.getStatusCode().value()).as(String.valueOf(scheduled.getBody())).isEqualTo(201);
            AtomicInteger received = new AtomicInteger();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                PGNotification[] n = pg.getNotifications(1);
                return received.addAndGet(n == null ? 0 : n.length) > 0;
            });
        }
    }
}
