package com.polaris.kat.projection.streaming;

import com.polaris.kat.eventstore.cache.RecentEventCacheUnlinker;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.projection.ProjectionServiceApplication;
import com.polaris.kat.projection.admin.ProjectionAdminController;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import com.polaris.kat.projection.support.TestEvents;
import com.polaris.kat.testsupport.TestDatabases;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The recent-event cache's trimmed events are unlinked while six projections read through it (a cache of 16
 * events, 600 events appended in 60 transactions, the unlinker run after each and on its own timer), and
 * every projection still processes every event exactly once, up to the head (a projection left on an
 * unlinked event reads on from the store), and the events still in the cache stay linked from the oldest
 * to the newest (issue 12; {@link RecentEventCacheUnlinker}).
 */
class RecentEventCacheTest {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    private static final Money PRICE = Money.dollars(2100);

    private ConfigurableApplicationContext app;
    private EventStore store;
    private JdbcTemplate jdbc;

    @BeforeEach
    void start() {
        TestDatabases.Database db = TestDatabases.createFresh("recent_cache");
        String[] args = Stream.concat(Stream.of(db.applicationArguments()), Stream.of("--kat.event-store.cached-events=16"))
                .toArray(String[]::new);
        app = new SpringApplicationBuilder(ProjectionServiceApplication.class, ProjectionServiceTestBase.FixedClock.class).run(args);
        store = app.getBean(EventStore.class);
        jdbc = app.getBean(JdbcTemplate.class);
        TestEvents.sealWith(app.getBean(com.polaris.kat.eventstore.personal.PersonalDataVault.class));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void everyProjectionProcessesEveryEventOnceWhileTrimmedEventsAreUnlinked() throws Exception {
        RecentEventCacheUnlinker unlinker = app.getBean(RecentEventCacheUnlinker.class);
        TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        String series = "series-cache";
        publish(series, 0, new SeriesScheduled(series, 600, 600, PRICE, Money.ZERO, List.of(TestEvents.day("M1", "2027-03-10")), "v1"));
        int unlinked = 0;
        for (int batch = 0; batch < 60; batch++) {
            int first = batch * 10;
            tx.executeWithoutResult(s -> {
                for (int i = first; i < first + 10; i++) {
                    publish(series, 1 + i, TestEvents.placed(series, "r-" + i, "c-" + i, PRICE));
                }
            });
            unlinked += unlinker.unlinkTrimmed();
        }
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        assertThat(events).isEqualTo(601);
        await().atMost(Duration.ofSeconds(60)).until(this::allCaughtUp);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM projection.audit_event", Long.class) == events);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT position) FROM projection.audit_event", Long.class)).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection.registration WHERE series_id = ?", Long.class, series))
                .isEqualTo(600);
        unlinked += unlinker.unlinkTrimmed();
        assertThat(unlinked).as("trimmed events unlinked by the test's own passes").isPositive();
        assertThat(cachedPositions()).as("the cache still links its events, oldest to newest, up to the head")
                .hasSizeBetween(2, 16).isSorted().endsWith(events);
    }

    /** The global positions of the events in the store's recent-event cache, following its links from the oldest. */
    private List<Long> cachedPositions() throws ReflectiveOperationException {
        java.lang.reflect.Field oldest = org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.class.getDeclaredField("oldest");
        oldest.setAccessible(true);
        java.lang.reflect.Field next = oldest.getType().getDeclaredField("next");
        java.lang.reflect.Field event = oldest.getType().getDeclaredField("event");
        next.setAccessible(true);
        event.setAccessible(true);
        List<Long> positions = new java.util.ArrayList<>();
        for (Object node = oldest.get(store); node != null; node = next.get(node)) {
            positions.add(((org.axonframework.eventhandling.TrackedEventMessage<?>) event.get(node)).trackingToken().position().orElseThrow());
        }
        return positions;
    }

    private void publish(String stream, long sequence, Object payload) {
        store.publish(new GenericDomainEventMessage<>("test", stream, sequence, payload,
                MetaData.with("actor", "cache-test").and("correlationId", "corr-" + stream + "-" + sequence),
                UUID.randomUUID().toString(), Instant.now()));
    }

    private boolean allCaughtUp() {
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        for (String p : ProjectionAdminController.PROJECTIONS) {
            for (var status : app.getBean(ProjectionPositions.class).processor(p).processingStatus().values()) {
                TrackingToken t = WrappedToken.unwrapLowerBound(status.getTrackingToken());
                if (!(t instanceof GapAwareTrackingToken g) || g.getIndex() < head || !g.getGaps().isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }
}
