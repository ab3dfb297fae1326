package com.polaris.kat.enrollment.config;

import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.commandhandling.distributed.UnresolvedRoutingKeyPolicy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

@Configuration
public class CommandConfig {

    /** Every aggregate's command target resolver ({@link CommandTargets}: the target members found once per command class). */
    @Bean
    CommandTargets commandTargetResolver() {
        return new CommandTargets();
    }

    /**
     * Axon Server mode: every command is routed by the stream it decides on (its
     * {@code @TargetAggregateIdentifier} or {@code @RoutingKey}), so the commands on one stream run on
     * one instance while the set of instances is stable. A command type without one is an error at
     * dispatch, never a random instance (Axon's default); {@code CommandRoutingTest} checks every type.
     */
    @Bean
    RoutingStrategy routingStrategy() {
        return AnnotationRoutingStrategy.builder().fallbackRoutingStrategy(UnresolvedRoutingKeyPolicy.ERROR).build();
    }

    /**
     * The event store in PostgreSQL mode: Axon's embedded store as its Spring Boot auto-configuration makes it, except
     * that it keeps the last {@code kat.event-store.cached-events} (default 200, about one young collection's worth) events in memory for this service's
     * streaming processor (Axon's default is 10,000), and that its reader polls every
     * {@code kat.event-store.processor-fetch-delay-ms} (default 250) instead of after every commit
     * ({@link TimerPolledEventStore}), and that it has no message monitor of its own (Axon's {@code eventStore} counters
     * and timer; the command bus's and the event processors' remain). Reason for the cache size: a cached event must die
     * in the young generation; with 1,000 at 100 registrations/s the events outlived the survivor spaces, were promoted
     * and filled the 160 MiB heap until a full collection paused the service (docs/decisions.md, "Service memory").
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  @Value("${kat.event-store.cached-events:200}") int cachedEvents,
                                  @Value("${kat.event-store.processor-fetch-delay-ms:250}") long fetchDelayMs) {
        return new TimerPolledEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                // no per-event monitor: the command bus's and the processors' monitors stay (the dashboard's panels), the
                // store's counted and timed each published event again (issue 12's profile: 2 % of a registration)
                .messageMonitor(org.axonframework.monitoring.NoOpMessageMonitor.INSTANCE)
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .cachedEvents(cachedEvents)
                .fetchDelay(fetchDelayMs)
                .timeUnit(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /**
     * Unlinks the events that left the event store's recent-event cache every 250 ms, so that they die young
     * ({@link com.polaris.kat.eventstore.cache.RecentEventCacheUnlinker}).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    com.polaris.kat.eventstore.cache.RecentEventCacheUnlinker recentEventCacheUnlinker(@Qualifier("eventStore") EmbeddedEventStore eventStore) {
        return com.polaris.kat.eventstore.cache.RecentEventCacheUnlinker.start(eventStore,
                com.polaris.kat.eventstore.cache.RecentEventCacheUnlinker.DEFAULT_PERIOD_MILLIS);
    }

    /** The domain's only source of "now"; tests and the demo loader replace it. */
    @Bean
    @Profile("!demo-load")
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "command-retry");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Retries a command only when another instance wrote to the same aggregate first (PostgreSQL's
     * unique (aggregate, sequence) index turned into a ConcurrencyException). The retry re-reads
     * the aggregate and decides again, so a seat that is gone is refused, not sold twice.
     * Every other failure, a rule's refusal above all, is returned at once.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor,
                                  @Value("${kat.commands.max-retries:40}") int maxRetries,
                                  @Value("${kat.commands.retry-backoff-ms:5}") long backoffMs,
                                  @Value("${axon.axonserver.enabled:false}") boolean axonServer) {
        // failures are translated back from the wire before the retry decision sees them (CommandFailures)
        RetriedCommands retried = new RetriedCommands();
        return DefaultCommandGateway.builder()
                .commandBus(new TranslatingCommandBus(commandBus, axonServer, retried))
                .retryScheduler(new ConflictRetryScheduler(commandRetryExecutor, maxRetries, backoffMs, 50, retried))
                .build();
    }
}
