package com.polaris.kat.projection.views;

import com.polaris.kat.events.money.Money;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command's response position is honoured right away even when an earlier position is a hole in
 * the global index, as a write conflict between two enrollment-service instances leaves for good.
 */
class ReadYourWritesTest extends ProjectionServiceTestBase {

    @Test
    @SuppressWarnings("rawtypes")
    void aQueryWithTheCommandsPositionIsAnsweredAtOnceDespiteAnEarlierHole() {
        append("series-61", new com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled("series-61", 61, 3, ViewsScenarioTest.PRICE,
                ViewsScenarioTest.CE, java.util.List.of(ViewsScenarioTest.day("M1", "2023-10-24")), "v1"), "registrar");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM projection.catalog_series WHERE series_id = 'series-61'", Integer.class) == 1);
        // what a rolled-back append leaves: a global index value taken and never committed
        jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))", Long.class);
        append("series-61", ViewsScenarioTest.placed("series-61", "gap-r1", "gap-c1", "Gap Person", false,
                Money.ofCents(217500), Money.ofCents(6338), Money.ZERO, "2023-08-20T10:00:00Z"), "front-end");
        long position = head();
        long started = System.nanoTime();
        ResponseEntity<Map> r = http.get().uri("/api/registrations/gap-r1?minPosition=" + position).retrieve().toEntity(Map.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody()).containsEntry("status", "ACTIVE");
        // it waited for the projection, not for the hole's 10-minute gap timeout (nor the 5 s limit, which answers 503)
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }

    @Test
    @SuppressWarnings("rawtypes")
    void everyViewAWriteTouchesWaitsForItsPositionTheCatalogAndTheCapacityOfAvailabilityIncluded() {
        for (int round = 0; round < 20; round++) {
            String id = "series-" + (630 + round);
            append(id, new com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled(id, 630 + round, 3, ViewsScenarioTest.PRICE,
                    ViewsScenarioTest.CE, java.util.List.of(ViewsScenarioTest.day("M1", "2023-10-24")), "v1"), "registrar");
            ResponseEntity<Map> catalog = http.get().uri("/api/catalog/series/" + (630 + round) + "?minPosition=" + head()).retrieve().toEntity(Map.class);
            assertThat(catalog.getStatusCode()).as("round " + round).isEqualTo(HttpStatus.OK);
            append(id, new com.polaris.kat.events.catalog.CatalogEvents.SeriesCapacityChanged(id, 3, 7, 0, "more room", 0), "registrar");
            Map availability = http.get().uri("/api/availability/series/" + id + "?minPosition=" + head()).retrieve().body(Map.class);
            assertThat(availability).as("round " + round).containsEntry("capacity", 7);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    com.polaris.kat.projection.web.Freshness freshness;

    @Test
    void aQueryReadsOneReadOnlyRepeatableReadSnapshotAndLeavesTheConnectionsAsTheyWere() {
        for (int i = 0; i < 3; i++) {
            List<String> seen = freshness.read("ledger", () -> List.of(
                    jdbc.queryForObject("SHOW transaction_isolation", String.class),
                    jdbc.queryForObject("SHOW transaction_read_only", String.class)));
            assertThat(seen).as("read " + i).containsExactly("repeatable read", "on");
        }
        // the level and read-only were the transaction's only: the pool's connections (this thread is given the one it
        // returned last, Hikari's rule) read committed again and may write
        assertThat(jdbc.queryForObject("SHOW transaction_isolation", String.class)).isEqualTo("read committed");
        assertThat(jdbc.queryForObject("SHOW transaction_read_only", String.class)).isEqualTo("off");
    }
}
