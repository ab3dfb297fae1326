package com.polaris.kat.projection.config;

import com.polaris.kat.projection.streaming.WakeableEventStore;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

@org.springframework.context.annotation.Configuration
public class EventStoreReaderConfig {

    /**
     * The event store as this service reads it: woken by PostgreSQL notifications, and polling
     * every {@code kat.projections.fetch-delay-ms} (default 1000) as a fallback; the projections at the head
     * share the last {@code kat.event-store.cached-events} (default 200, about what arrives between two young
     * collections at 100 registrations/s, so that a cached event dies young: Axon's 10,000 and then 1,000 outlived the
     * survivor spaces of the 160 MiB heap and ended in full collections, docs/decisions.md "Service memory") events in
     * memory; a processor further behind reads the store on its own until it catches up. Not in Axon Server
     * mode, where the connector's event store streams events as they are appended.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public WakeableEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         @Value("${kat.projections.fetch-delay-ms:1000}") long fetchDelayMs,
                                         @Value("${kat.event-store.cached-events:200}") int cachedEvents) {
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .fetchDelay(fetchDelayMs)
                .cachedEvents(cachedEvents);
        return new WakeableEventStore(builder);
    }

    /**
     * Unlinks the events that left the recent-event cache every 250 ms, so that they die young
     * ({@link com.polaris.kat.eventstore.cache.RecentEventCacheUnlinker}: without it every cached event ended in the
     * old generation and a full collection stopped the projections about once a minute).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    com.polaris.kat.eventstore.cache.RecentEventCacheUnlinker recentEventCacheUnlinker(WakeableEventStore eventStore) {
        return com.polaris.kat.eventstore.cache.RecentEventCacheUnlinker.start(eventStore,
                com.polaris.kat.eventstore.cache.RecentEventCacheUnlinker.DEFAULT_PERIOD_MILLIS);
    }

    /** "Now" for the views that depend on it (a series' state): replaced in tests. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
