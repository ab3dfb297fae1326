package com.polaris.kat.projection.admin;

import com.polaris.kat.projection.streaming.ProjectionPositions;
import com.polaris.kat.projection.streaming.StalledProcessors;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuild requests sent in parallel, and a processor stopped and started back to back, leave the projection processing:
 * a fresh reviewer's 3-10 parallel rebuilds had left one running with no segment and no thread until the service
 * restarted (Axon's tracking processor lost its only thread when shut down while its launcher handed that thread to the
 * segment it had just claimed; see {@link StalledProcessors}).
 */
class ParallelRebuildsTest extends ProjectionServiceTestBase {

    @Autowired
    ProjectionPositions positions;
    @Autowired
    StalledProcessors stalled;

    @Test
    void parallelRebuildsStartOneAndRefuseTheOthersWithWhatIsInProgress() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 4; round++) {
                awaitProcessing("credit");
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<ResponseEntity<Map>>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return http.post().uri("/api/admin/projections/credit/rebuild").retrieve().toEntity(Map.class);
                    }, pool));
                }
                go.countDown();
                int started = 0;
                for (CompletableFuture<ResponseEntity<Map>> f : answers) {
                    ResponseEntity<Map> r = f.get();
                    if (r.getStatusCode().value() == 202) {
                        started++;
                    } else {
                        assertThat(r.getStatusCode().value()).as("round %d: %s", round, r.getBody()).isEqualTo(409);
                        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:rebuild-in-progress").containsEntry("projection", "credit");
                        assertThat((String) r.getBody().get("detail")).startsWith("The credit projection was not reset: ");
                    }
                }
                assertThat(started).as("round %d: rebuilds started", round).isBetween(1, 8);
            }
            awaitProcessing("credit");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aProcessorStoppedAndStartedBackToBackKeepsItsThreadAndProcesses() {
        StreamingEventProcessor p = positions.processor("audit");
        awaitProcessing("audit");
        for (int i = 0; i < 30; i++) {
            // what a rebuild after a rebuild did: stop as soon as the restarted processor shows its segment
            p.shutDown();
            p.start();
            positions.awaitSegments("audit", 1);
        }
        awaitProcessing("audit");
        TrackingEventProcessor t = (TrackingEventProcessor) p;
        assertThat(t.availableProcessorThreads()).as("threads left after 30 restarts (one busy with the segment)").isEqualTo(t.maxCapacity() - 1);
        assertThat(stalled.stalledSince("audit")).isEmpty();
    }

    /**
     * Once the status says a rebuild's replay is over, the view's reads answer: a fresh reviewer's catalog and credit
     * read "replaying: false" while their reads answered 503 projection-rebuilding for up to 0.9 s (the status had read the
     * processor's memory, the reads the stored token, which a processor that skips most events writes at most once a second).
     */
    @Test
    void whenTheStatusSaysTheReplayIsOverTheReadsAnswer() {
        for (int round = 0; round < 5; round++) {
            awaitProcessing("credit");
            // events the credit view skips, last in the store: its replay ends on skipped events, whose token is stored lazily
            for (int i = 0; i < 3; i++) {
                append("PR-M" + round + i, new com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined("PR-M" + round + i, "Rebuild round " + round,
                        java.math.BigDecimal.ONE), "tester");
            }
            assertThat(http.post().uri("/api/admin/projections/credit/rebuild").retrieve().toEntity(Map.class).getStatusCode().value())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> Boolean.FALSE.equals(get("/api/admin/projections/credit").get("replaying")));
            ResponseEntity<Map> read = http.get().uri("/api/credit/c-nobody-" + round).retrieve().toEntity(Map.class);
            assertThat(read.getStatusCode().value()).as("round %d: %s", round, read.getBody()).isEqualTo(404);
        }
    }

    @Test
    void aRebuildOfOneProjectionDoesNotRefuseAnotherOrNameIt() {
        awaitProcessing("ledger");
        awaitProcessing("registrations");
        // both at once: each projection's rebuild starts, neither is refused for the other's
        CompletableFuture<ResponseEntity<Map>> ledger = CompletableFuture.supplyAsync(
                () -> http.post().uri("/api/admin/projections/ledger/rebuild").retrieve().toEntity(Map.class));
        CompletableFuture<ResponseEntity<Map>> registrations = CompletableFuture.supplyAsync(
                () -> http.post().uri("/api/admin/projections/registrations/rebuild").retrieve().toEntity(Map.class));
        assertThat(ledger.join().getStatusCode().value()).as("%s", ledger.join().getBody()).isEqualTo(202);
        assertThat(registrations.join().getStatusCode().value()).as("%s", registrations.join().getBody()).isEqualTo(202);
        awaitProcessing("ledger");
        awaitProcessing("registrations");
    }

    private void awaitProcessing(String name) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> s = get("/api/admin/projections/" + name);
            assertThat(s).containsEntry("running", true).containsEntry("replaying", false).containsEntry("segments", 1)
                    .containsEntry("stalledSince", null);
            assertThat(((Number) s.get("behind")).longValue()).isZero();
        });
    }
}
