package com.polaris.kat.benchmark;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.Map;

/**
 * A Spring context with the services' own event store wiring (the event-store module's
 * auto-configuration, Axon's JDBC engine, the same serializers and token store) and nothing else.
 * The generator writes through it; with {@link DoNothing} added, it is Axon streaming every event
 * into a handler that does nothing: the ceiling for the projections.
 */
final class StoreContext {

    private StoreContext() {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
        /**
         * A meter registry, as the services have (Spring Boot's actuator gives them theirs): with it the event-store
         * module's Axon metrics apply (an event processor counts its events and does not time each), as in the projection
         * service. Without it Axon's default monitors ran here (a timer, a capacity gauge and a latency monitor per event,
         * and a "Gauge already registered" WARN), and the do-nothing rate the rebuild is compared with was slowed by
         * monitors the projection service does not run.
         */
        @org.springframework.context.annotation.Bean
        io.micrometer.core.instrument.MeterRegistry meterRegistry() {
            return new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        }
    }

    /** One handler for every event: takes the deserialized payload and does nothing with it. */
    @ProcessingGroup("do-nothing")
    static class DoNothing {
        @EventHandler
        void on(Object payload) {
            // the point: Axon's own cost of reading, deserializing and dispatching, with no work behind it
        }
    }

    static ConfigurableApplicationContext start(Db db, String database, boolean withDoNothing) {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.datasource.url", db.url(database));
        p.put("spring.datasource.username", db.user());
        p.put("spring.datasource.password", db.password());
        p.put("spring.flyway.enabled", "false");
        p.put("spring.main.banner-mode", "off");
        p.put("axon.axonserver.enabled", "false");
        p.put("axon.timeout.enabled", "false"); // as in both services
        p.put("axon.serializer.general", "jackson");
        p.put("axon.serializer.events", "jackson");
        p.put("axon.serializer.messages", "jackson");
        p.put("kat.token-table", "bench.token_entry");
        p.put("kat.personal-data.master-key", Benchmark.MASTER_KEY);
        // as the projection service's processors: tracking, one segment, batches of 100
        p.put("axon.eventhandling.processors.do-nothing.mode", "tracking");
        p.put("axon.eventhandling.processors.do-nothing.batch-size", "100");
        p.put("logging.level.root", "WARN");
        SpringApplicationBuilder b = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).properties(p);
        if (withDoNothing) {
            b.sources(DoNothing.class);
        }
        return b.run();
    }

    static long position(ConfigurableApplicationContext context, String processor) {
        StreamingEventProcessor p = context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(processor, StreamingEventProcessor.class).orElseThrow();
        long min = Long.MAX_VALUE;
        if (p.processingStatus().isEmpty()) {
            return -1;
        }
        for (var s : p.processingStatus().values()) {
            TrackingToken t = WrappedToken.unwrapLowerBound(s.getTrackingToken());
            long pos = t instanceof GapAwareTrackingToken g ? g.getIndex() : t == null ? -1 : t.position().orElse(-1);
            min = Math.min(min, pos);
        }
        return min;
    }
}
