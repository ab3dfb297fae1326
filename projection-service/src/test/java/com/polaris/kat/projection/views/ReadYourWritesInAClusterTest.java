package com.polaris.kat.projection.views;

import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.projection.support.ProjectionInstances;
import com.polaris.kat.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static com.polaris.kat.projection.support.ProjectionInstances.append;
import static com.polaris.kat.projection.support.ProjectionInstances.get;
import static com.polaris.kat.projection.support.ProjectionInstances.holdsEveryProjection;
import static com.polaris.kat.projection.support.ProjectionInstances.processor;
import static org.awaitility.Awaitility.await;

/**
 * Read-your-writes with two projection-service instances on one database: a read with {@code minPosition} answers with the
 * write on the instance that stands by (another holds the claims), and on both when the claims are split between them (no
 * instance holds every projection the read needs). Each had waited for its own idle processors and answered 503
 * projection-behind after the whole wait.
 */
class ReadYourWritesInAClusterTest {

    private final ProjectionInstances instances = new ProjectionInstances();

    private ConfigurableApplicationContext start(TestDatabases.Database db, String node) {
        return instances.start(db, node, "--kat.projections.max-wait-ms=2000"); // a read that waits out its wait answers 503 sooner
    }

    @AfterEach
    void stop() {
        instances.close();
    }

    private static long register(ConfigurableApplicationContext ctx, int i) {
        com.polaris.kat.projection.support.TestEvents.sealWith(ctx.getBean(com.polaris.kat.eventstore.personal.PersonalDataVault.class));
        return append(ctx, "series-71", i + 1, ViewsScenarioTest.placed("series-71", "c71-r" + i, "c71-c" + i, "Person " + i, false,
                ViewsScenarioTest.PRICE, Money.ofCents(6_120), Money.ZERO, Instant.parse("2023-08-01T00:00:00Z").plusSeconds(3600L * i).toString()));
    }

    /** GET the registration with minPosition: 200 with it, in far less than the wait (5 s) that ran out before. */
    @SuppressWarnings("rawtypes")
    private static void readsItsWrite(ConfigurableApplicationContext ctx, String registrationId, long position) {
        long started = System.nanoTime();
        ResponseEntity<Map> r = get(ctx, "/api/registrations/" + registrationId + "?minPosition=" + position);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(r.getStatusCode()).as(r.getBody() + " after " + millis + " ms").isEqualTo(HttpStatus.OK);
        assertThat(r.getBody()).containsEntry("registrationId", registrationId).containsEntry("status", "ACTIVE")
                .containsEntry("seriesNumber", 71);
        assertThat(millis).as("answered without waiting out the read's wait (2 s)").isLessThan(2_000);
    }

    @Test
    void aReadWithMinPositionAnswersWithTheWriteOnTheStandbyAndWithTheClaimsSplit() {
        TestDatabases.Database db = TestDatabases.createFresh("ryw_cluster");
        ConfigurableApplicationContext a = start(db, "projection-a");
        await().atMost(Duration.ofSeconds(60)).until(() -> holdsEveryProjection(a));
        append(a, "series-71", 0, new SeriesScheduled("series-71", 71, 30, ViewsScenarioTest.PRICE, ViewsScenarioTest.CE,
                List.of(ViewsScenarioTest.day("M1", "2023-10-10")), "v1"));
        ConfigurableApplicationContext b = start(db, "projection-b");
        await().atMost(Duration.ofSeconds(30)).until(() -> processor(b, "registrations").isRunning() && processor(b, "catalog").isRunning());
        assertThat(processor(b, "registrations").processingStatus()).as("b stands by").isEmpty();

        // the standby: its processors hold nothing, the claim holder's stored tokens say where the views are
        for (int i = 0; i < 5; i++) {
            readsItsWrite(b, "c71-r" + i, register(a, i));
        }
        // a write through the standby's own store, read on the claim holder
        readsItsWrite(a, "c71-r5", register(b, 5));

        // the claims split: a hands the catalog over to b, so neither holds both projections a registration's read needs
        processor(a, "catalog").shutDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> processor(b, "catalog").processingStatus().size() == 1);
        assertThat(processor(a, "registrations").processingStatus()).hasSize(1);
        for (int i = 6; i < 10; i++) {
            long position = register(i % 2 == 0 ? a : b, i);
            readsItsWrite(a, "c71-r" + i, position);
            readsItsWrite(b, "c71-r" + i, position);
        }

        // nobody processes the catalog now: a registration, which it has nothing to do with, is still read with its write
        // (the events after its stored token hold nothing it handles), a series it must show is not
        processor(b, "catalog").shutDown();
        long position = register(a, 10);
        readsItsWrite(a, "c71-r10", position);
        readsItsWrite(b, "c71-r10", position);
        long scheduled = append(a, "series-72", 0, new SeriesScheduled("series-72", 72, 30, ViewsScenarioTest.PRICE, ViewsScenarioTest.CE,
                List.of(ViewsScenarioTest.day("M1", "2023-10-11")), "v1"));
        assertThat(get(b, "/api/catalog/series/72?minPosition=" + scheduled).getBody())
                .containsEntry("type", "urn:kat:problem:projection-behind");
        processor(b, "catalog").start();
        await().atMost(Duration.ofSeconds(30)).until(() -> get(b, "/api/catalog/series/72?minPosition=" + scheduled).getStatusCode() == HttpStatus.OK);
    }
}
