package com.polaris.kat.enrollment.config;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import com.polaris.kat.enrollment.waitlist.ErasedClinicianPlaces;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command side's processor that stops advancing while events wait for it is reported (health {@code processorProgress}
 * DOWN with where it stands and since when, the gauge, both back to UP and 0 once it advances), and one that is caught up or
 * advancing is not. The service's own instance is in the overall health.
 */
class CommandSideProgressTest extends EnrollmentServiceTestBase {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStore eventStore;
    @Autowired
    Serializer serializer;
    @Value("${kat.token-table}")
    String table;

    private static final class SettableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T01:00:00Z"));

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(ErasedClinicianPlaces.GROUP, StreamingEventProcessor.class).orElseThrow();
    }

    private long head() {
        TrackingToken t = eventStore.createHeadToken();
        return t == null ? -1 : t.position().orElse(-1);
    }

    private boolean processedThroughHead() {
        long head = head();
        var status = processor().processingStatus();
        return !status.isEmpty() && status.values().stream()
                .allMatch(s -> !s.isErrorState() && com.polaris.kat.eventstore.position.ProgressWatch.reached(s.getTrackingToken()) >= head);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProcessorBehindThatStopsAdvancingIsReportedUntilItAdvancesAgain() {
        SettableClock wall = new SettableClock();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CommandSideProgress progress = new CommandSideProgress(processing, eventStore, jdbc, serializer, table, meters, Duration.ofSeconds(60), wall);
        String name = ErasedClinicianPlaces.GROUP;
        await().atMost(Duration.ofSeconds(30)).until(this::processedThroughHead);

        progress.check();
        assertThat(progress.health().getStatus()).isEqualTo(Status.UP);
        assertThat(meters.get("kat.processor.not.advancing.seconds").tag("processor", name).gauge().value()).isZero();
        wall.now.set(wall.now.get().plusSeconds(120));
        progress.check();
        assertThat(progress.health().getStatus()).as("caught up for two minutes is not stuck").isEqualTo(Status.UP);

        processor().shutDown();
        try {
            eventStore.publish(GenericEventMessage.asEventMessage("an event the processor has not handled"));
            long head = head();
            progress.check();
            Instant first = wall.now.get();
            wall.now.set(first.plusSeconds(59));
            progress.check();
            assertThat(progress.health().getStatus()).as("behind for 59 s").isEqualTo(Status.UP);
            assertThat(meters.get("kat.processor.not.advancing.seconds").tag("processor", name).gauge().value()).isEqualTo(59.0);

            wall.now.set(first.plusSeconds(60));
            progress.check();
            var health = progress.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            Map<String, Object> stuck = (Map<String, Object>) health.getDetails().get(name);
            assertThat(stuck).containsEntry("head", head).containsEntry("notAdvancingSince", first.toString());
            assertThat((Long) stuck.get("processedThrough")).isLessThan(head);
            assertThat((Long) stuck.get("behind")).isEqualTo(head - (Long) stuck.get("processedThrough"));
        } finally {
            processor().start();
        }
        await().atMost(Duration.ofSeconds(30)).until(this::processedThroughHead);
        wall.now.set(wall.now.get().plusSeconds(1));
        progress.check();
        assertThat(progress.health().getStatus()).as("advanced").isEqualTo(Status.UP);
        assertThat(meters.get("kat.processor.not.advancing.seconds").tag("processor", name).gauge().value()).isZero();

        Map<String, Object> overall = http.get().uri("/actuator/health").retrieve().body(Map.class);
        assertThat((Map<String, Object>) overall.get("components")).containsKey("processorProgress");
        Map<String, Object> readiness = http.get().uri("/actuator/health/readiness").retrieve().body(Map.class);
        assertThat((Map<String, Object>) readiness.get("components")).doesNotContainKey("processorProgress");
    }
}
