package com.polaris.kat.enrollment.config;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import com.polaris.kat.eventstore.position.AppendNotifier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * With {@code kat.event-store.notify=after-commit}, readers of the event store are notified (channel
 * kat_events_appended) by the writer once the events they would read are committed: not while the appending
 * transaction is open, not for one that rolled back, and for a command sent over HTTP; the event table's trigger
 * stays silent on the service's connections. (The default, a notification inside the transaction:
 * {@link InTransactionNotificationTest}.)
 */
@org.springframework.test.context.TestPropertySource(properties = "kat.event-store.notify=after-commit")
class AppendNotificationTest extends EnrollmentServiceTestBase {

    @Autowired
    private DataSourceProperties db;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionManager transactionManager;
    @Autowired
    private AppendNotifier notifier;

    private Connection listener;

    @BeforeEach
    void listen() throws Exception {
        listener = DriverManager.getConnection(db.determineUrl(), db.determineUsername(), db.determinePassword());
        try (Statement s = listener.createStatement()) {
            s.execute("LISTEN " + AppendNotifier.CHANNEL);
        }
    }

    @AfterEach
    void close() throws Exception {
        listener.close();
    }

    private int receivedNow() throws Exception {
        PGNotification[] n = listener.unwrap(PGConnection.class).getNotifications(1);
        return n == null ? 0 : n.length;
    }

    private GenericDomainEventMessage<String> probe(String stream) {
        return new GenericDomainEventMessage<>("AppendNotificationProbe", stream, 0, "probe");
    }

    @Test
    void theServicesConnectionsTellTheTriggerNotToNotify() {
        assertThat(jdbc.queryForObject("SELECT current_setting('kat.notify_after_commit', true)", String.class)).isEqualTo("on");
    }

    @Test
    void aNotificationFollowsTheCommitNotTheAppend() throws Exception {
        String stream = "append-notification-" + UUID.randomUUID();
        List<Integer> whileOpen = new ArrayList<>();
        long sentBefore = notifier.notificationsSent();
        UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        uow.attachTransaction(transactionManager);
        eventStore.publish(probe(stream));
        // runs after the event store's own prepare-commit handler: the event is appended, not yet committed
        uow.onPrepareCommit(u -> {
            try {
                whileOpen.add(jdbcCount(stream));
                whileOpen.add(receivedNow());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        uow.commit();
        assertThat(whileOpen).as("the event appended in the open transaction, no notification yet").containsExactly(1, 0);

        AtomicInteger received = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.addAndGet(receivedNow()) > 0);
        assertThat(jdbcCount(stream)).isEqualTo(1);
        assertThat(notifier.notificationsSent()).isGreaterThan(sentBefore);
    }

    @Test
    void aRolledBackAppendNotifiesNobody() throws Exception {
        String stream = "append-notification-" + UUID.randomUUID();
        long signalsBefore = notifier.signalsReceived();
        UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        uow.attachTransaction(transactionManager);
        eventStore.publish(probe(stream));
        uow.onPrepareCommit(u -> {
            throw new IllegalStateException("refused after the append");
        });
        assertThatThrownBy(uow::commit).hasMessageContaining("refused after the append");
        assertThat(jdbcCount(stream)).isZero();
        assertThat(notifier.signalsReceived()).as("a rollback signals nothing").isEqualTo(signalsBefore);

        UnitOfWork<?> committed = DefaultUnitOfWork.startAndGet(null);
        committed.attachTransaction(transactionManager);
        eventStore.publish(probe(stream), probe(stream + "-b"));
        committed.commit();
        assertThat(notifier.signalsReceived()).as("one signal per committed transaction, however many events").isEqualTo(signalsBefore + 1);
        AtomicInteger received = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.addAndGet(receivedNow()) > 0);
    }

    @Test
    void aCommandOverHttpWakesTheReaders() throws Exception {
        receivedNow(); // drain
        clock.set("2031-01-01T00:00:00Z");
        defineProgramModules();
        var scheduled = post("/api/catalog/series", java.util.Map.of("seriesNumber", 9871, "capacity", 2, "priceCents", 210000,
                "ceOptionPriceCents", 7500, "classDays", List.of(java.util.Map.of("module", "M1", "date", "2031-03-11"),
                        java.util.Map.of("module", "M2", "date", "2031-03-21"))));
        assertThat(scheduled.getStatusCode().value()).as(String.valueOf(scheduled.getBody())).isEqualTo(201);
        AtomicInteger received = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.addAndGet(receivedNow()) > 0);
    }

    private int jdbcCount(String stream) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, stream);
        return n == null ? 0 : n;
    }
}
