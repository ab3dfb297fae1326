package com.polaris.kat.projection.views;

import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.projection.streaming.ProjectionPositions;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While the ledger is rebuilt, its JSON, CSV and totals answer 503 {@code projection-rebuilding}
 * with Retry-After, never 200 with part of the ledger; afterwards they answer exactly what they
 * answered before. The replay is held part-way by a gate this test opens (a handler in the ledger's
 * processing group that waits while replaying from a chosen position), so the half-filled state is
 * certain, not a matter of timing.
 */
@Import(RebuildReadersTest.ReplayGate.class)
class RebuildReadersTest extends ProjectionServiceTestBase {

    /**
     * Holds the ledger's replay at the first event at or after {@link #from}, until the test opens it;
     * makes the ledger's reset fail while {@link #failReset}.
     */
    @ProcessingGroup("ledger")
    public static class ReplayGate {
        volatile long from = Long.MAX_VALUE;
        volatile boolean failReset;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);

        @EventHandler
        void on(Object event, EventMessage<?> message, TrackingToken token) throws InterruptedException {
            // the message carries the processor's (replay) token; the parameter is the event's own position
            if (ReplayToken.isReplay(message) && token.position().orElse(-1) >= from) {
                reached.countDown();
                open.await(2, TimeUnit.MINUTES);
            }
        }

        @ResetHandler
        void reset() {
            if (failReset) {
                throw new IllegalStateException("test: this reset fails");
            }
        }
    }

    @Autowired
    ReplayGate gate;
    @Autowired
    ProjectionPositions positions;

    private static final String[] JSON = {"/api/ledger/entries?size=100&page=0", "/api/ledger/entries?size=100&page=3",
            "/api/ledger/entries?type=REFUND_DECIDED&size=100", "/api/ledger/totals", "/api/ledger/totals?seriesId=series-80&from=2023-09-01&to=2023-10-01"};
    private static final String CSV = "/api/ledger/entries.csv";

    /** 420 paid registrations in Series 80, every fourth cancelled on time: 525 ledger entries. */
    private void history() {
        // the catalog knows Series 80 (a query filtered by a series that names nothing is 404 series-not-found)
        append("series-80", com.polaris.kat.projection.certificates.CeHistory.series(80,
                List.of(com.polaris.kat.projection.certificates.CeHistory.day("M1", "2023-12-04"))), "registrar");
        for (int i = 0; i < 420; i++) {
            Instant at = Instant.parse("2023-08-01T00:00:00Z").plusSeconds(3600L * i);
            append("series-80", ViewsScenarioTest.placed("series-80", "r80-" + i, "c80-" + i, "Person " + i, false, ViewsScenarioTest.PRICE,
                    ViewsScenarioTest.FEE, Money.ZERO, at.toString()), "front-end");
            if (i % 4 == 0) {
                append("series-80", new RegistrationCancelled("series-80", "r80-" + i, "c80-" + i, ViewsScenarioTest.decision("ON_TIME_REFUND",
                        at.plusSeconds(1800).toString(), true, null, ViewsScenarioTest.PRICE, ViewsScenarioTest.PRICE, ViewsScenarioTest.ADMIN,
                        ViewsScenarioTest.FEE, Money.ofCents(201_380), Money.ZERO), "moved", 0), "front-end");
            }
        }
    }

    private Map<String, Object> answers() {
        return answers(JSON);
    }

    private Map<String, Object> answers(String[] json) {
        Map<String, Object> a = new LinkedHashMap<>();
        for (String path : json) {
            ResponseEntity<Map> r = http.get().uri(path).retrieve().toEntity(Map.class);
            assertThat(r.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
            a.put(path, r.getBody());
        }
        ResponseEntity<String> csv = http.get().uri(CSV).retrieve().toEntity(String.class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        a.put(CSV, csv.getBody());
        return a;
    }

    private int ledgerRows() {
        return jdbc.queryForObject("SELECT count(*) FROM projection.ledger_entry", Integer.class);
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void whileTheLedgerIsRebuiltItsQueriesAnswer503AndAfterwardsExactlyWhatTheyAnsweredBefore() throws Exception {
        history();
        long head = head();
        await().atMost(Duration.ofSeconds(60)).until(() -> positions.processedThrough("ledger") >= head
                && positions.processedThrough("catalog") >= head);
        Map<String, Object> before = answers();
        int rows = ledgerRows();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection.ledger_entry WHERE series_id = 'series-80'", Integer.class)).isEqualTo(525);
        assertThat(http.get().uri("/api/ledger/totals?seriesId=series-80").retrieve().body(Map.class)).containsEntry("payments", "882000.00");

        // a reader that keeps asking throughout: every answer is the complete ledger or a 503
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<List<String>> reader = pool.submit(() -> {
            List<String> wrong = new ArrayList<>();
            int n = 0;
            while (reading.get()) {
                String path = n % 3 == 0 ? CSV : JSON[n % JSON.length];
                ResponseEntity<?> r = path.equals(CSV) ? http.get().uri(path).retrieve().toEntity(String.class)
                        : http.get().uri(path).retrieve().toEntity(Map.class);
                boolean ok = r.getStatusCode() == HttpStatus.OK
                        ? before.get(path).equals(r.getBody())
                        : r.getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE && String.valueOf(r.getBody()).contains("urn:kat:problem:projection-rebuilding");
                if (r.getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE) {
                    refused.incrementAndGet();
                }
                if (!ok) {
                    wrong.add(path + " " + r.getStatusCode() + " " + r.getBody());
                }
                n++;
            }
            return wrong;
        });

        gate.from = head - 20;
        ResponseEntity<Map> accepted = http.post().uri("/api/admin/projections/ledger/rebuild").retrieve().toEntity(Map.class);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        // the 202 shows the restarted processor (held part-way by the gate): replaying, its segment claimed, not yet at the head
        assertThat(accepted.getBody()).containsEntry("running", true).containsEntry("replaying", true);
        assertThat((Integer) accepted.getBody().get("segments")).isPositive().isEqualTo(((Map<?, ?>) accepted.getBody().get("claimedBy")).size());
        assertThat(((Number) accepted.getBody().get("processedThrough")).longValue()).isLessThan(head);
        await().atMost(Duration.ofSeconds(60)).until(() -> gate.reached.getCount() == 0);
        // part-way through the replay the admin status still says so (it had said replaying: false after the first fetch)
        assertThat(get("/api/admin/projections/ledger")).containsEntry("replaying", true);

        // held part-way: the table is half refilled, and nobody is shown that
        assertThat(ledgerRows()).isStrictlyBetween(0, rows);
        for (String path : JSON) {
            ResponseEntity<Map> r = http.get().uri(path).retrieve().toEntity(Map.class);
            assertThat(r.getStatusCode()).as(path).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(r.getHeaders().getFirst("Retry-After")).as(path).isEqualTo("5");
            assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:projection-rebuilding").containsEntry("projection", "ledger")
                    .containsEntry("replayingUntil", (int) head);
        }
        ResponseEntity<String> csv = http.get().uri(CSV).retrieve().toEntity(String.class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(csv.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        ResponseEntity<Map> withPosition = http.get().uri("/api/ledger/totals?minPosition=" + head).retrieve().toEntity(Map.class);
        assertThat(withPosition.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(withPosition.getBody()).containsEntry("type", "urn:kat:problem:projection-rebuilding");

        gate.open.countDown();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> http.get().uri("/api/ledger/totals").retrieve().toEntity(Map.class).getStatusCode() == HttpStatus.OK);
        reading.set(false);
        List<String> wrong = reader.get(30, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(answers()).isEqualTo(before);
        assertThat(wrong).as("answers during the rebuild that were neither complete nor 503 rebuilding").isEmpty();
        assertThat(refused.get()).as("the reader asked while the ledger was rebuilt").isPositive();
    }

    @Test
    void aRebuildThatFailsLeavesTheProcessorRunningAndTheViewAsItWas() {
        // this test's own series (the other test's Series 80 may not be there yet): the filtered query names it
        String[] json = java.util.Arrays.stream(JSON).map(path -> path.replace("series-80", "series-81")).toArray(String[]::new);
        append("series-81", com.polaris.kat.projection.certificates.CeHistory.series(81,
                List.of(com.polaris.kat.projection.certificates.CeHistory.day("M1", "2023-12-11"))), "registrar");
        for (int i = 0; i < 5; i++) {
            append("series-81", ViewsScenarioTest.placed("series-81", "r81-" + i, "c81-" + i, "Other " + i, false, ViewsScenarioTest.PRICE,
                    ViewsScenarioTest.FEE, Money.ZERO, "2023-08-20T10:00:00Z"), "front-end");
        }
        long head = head();
        await().atMost(Duration.ofSeconds(60)).until(() -> positions.processedThrough("ledger") >= head
                && positions.processedThrough("catalog") >= head);
        Map<String, Object> before = answers(json);

        gate.failReset = true;
        try {
            assertThat(http.post().uri("/api/admin/projections/ledger/rebuild").retrieve().toEntity(String.class).getStatusCode().is5xxServerError())
                    .isTrue();
        } finally {
            gate.failReset = false;
        }

        assertThat(positions.processor("ledger").isRunning()).as("started again after the failed reset").isTrue();
        assertThat(answers(json)).as("the reset was rolled back").isEqualTo(before);
        append("series-81", ViewsScenarioTest.placed("series-81", "r81-5", "c81-5", "Other 5", false, ViewsScenarioTest.PRICE,
                ViewsScenarioTest.FEE, Money.ZERO, "2023-08-20T10:00:00Z"), "front-end");
        long next = head();
        await().atMost(Duration.ofSeconds(60)).until(() -> positions.processedThrough("ledger") >= next);
    }
}
