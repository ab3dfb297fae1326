package com.polaris.kat.projection.admin;

import com.polaris.kat.projection.streaming.ProjectionPositions;
import com.polaris.kat.projection.streaming.StalledProcessors;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection whose processor runs but has lost its threads is found stalled and said so everywhere an operator looks:
 * the admin status and the rebuild ({@code 503 projection-stalled}), readiness and liveness DOWN, the gauge, and its claim
 * released for another instance. The lost thread is made the way Axon 4.13 loses it (its count of available threads at
 * zero with no worker running), by setting that count; the context is discarded afterwards, since a stalled processor
 * stays so until the service restarts.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StalledProjectionTest extends ProjectionServiceTestBase {

    @Autowired
    ProjectionPositions positions;
    @Autowired
    StalledProcessors stalled;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void theStateIsOnlyStalledForARunningProcessorWithNoSegmentAndNoThread() {
        assertThat(StalledProcessors.cannotProcess(true, 0, 0)).isTrue();
        assertThat(StalledProcessors.cannotProcess(true, 0, 1)).as("a stand-by instance").isFalse();
        assertThat(StalledProcessors.cannotProcess(true, 1, 0)).as("processing its segment with its last thread").isFalse();
        assertThat(StalledProcessors.cannotProcess(false, 0, 0)).as("stopped").isFalse();
    }

    @Test
    void aProcessorThatLostItsThreadsIsReportedStalledAndItsClaimReleased() throws Exception {
        TrackingEventProcessor p = (TrackingEventProcessor) positions.processor("transcripts");
        await().atMost(Duration.ofSeconds(30)).until(() -> p.processingStatus().size() == 1);
        assertThat(http.get().uri("/actuator/health/liveness").retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);

        p.shutDown();
        availableThreads(p).set(0); // Axon's lost thread: its count says none is free, and no worker runs
        p.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> stalled.stalledSince("transcripts").isPresent());
        Map<String, Object> status = get("/api/admin/projections/transcripts");
        assertThat(status).containsEntry("running", true).containsEntry("segments", 0);
        assertThat(status.get("stalledSince")).isEqualTo(stalled.stalledSince("transcripts").get().toString());
        assertThat(jdbc.queryForList("SELECT owner FROM projection.token_entry WHERE processor_name = 'transcripts'", String.class))
                .as("its claim released for another instance").containsOnlyNulls();

        ResponseEntity<Map> liveness = http.get().uri("/actuator/health/liveness").retrieve().toEntity(Map.class);
        assertThat(liveness.getStatusCode().value()).isEqualTo(503);
        ResponseEntity<Map> readiness = http.get().uri("/actuator/health/readiness").retrieve().toEntity(Map.class);
        assertThat(readiness.getStatusCode().value()).isEqualTo(503);
        assertThat(meters.get("kat.projection.stalled").tag("projection", "transcripts").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("kat.projection.stalled").tag("projection", "ledger").gauge().value()).isEqualTo(0.0);

        String tokenBefore = jdbc.queryForObject("SELECT encode(token, 'hex') FROM projection.token_entry WHERE processor_name = 'transcripts'",
                String.class);
        ResponseEntity<Map> rebuild = http.post().uri("/api/admin/projections/transcripts/rebuild").retrieve().toEntity(Map.class);
        assertThat(rebuild.getStatusCode().value()).isEqualTo(503);
        assertThat(rebuild.getHeaders().getFirst("Retry-After")).as("waiting does not help").isNull();
        assertThat(rebuild.getBody()).containsEntry("type", "urn:kat:problem:projection-stalled").containsEntry("projection", "transcripts");
        assertThat((String) rebuild.getBody().get("detail")).contains("Restart this instance");
        assertThat(jdbc.queryForObject("SELECT encode(token, 'hex') FROM projection.token_entry WHERE processor_name = 'transcripts'",
                String.class)).as("nothing reset").isEqualTo(tokenBefore);
    }

    private static AtomicInteger availableThreads(TrackingEventProcessor p) throws ReflectiveOperationException {
        Field f = TrackingEventProcessor.class.getDeclaredField("availableThreads");
        f.setAccessible(true);
        return (AtomicInteger) f.get(p);
    }
}
