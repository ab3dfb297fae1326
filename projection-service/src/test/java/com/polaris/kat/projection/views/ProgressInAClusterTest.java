package com.polaris.kat.projection.views;

import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.projection.support.ProjectionInstances;
import com.polaris.kat.testsupport.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
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
 * What two projection-service instances on one database say of the projections' progress: both the same, the cluster's
 * (the lag gauge, the admin status, the progress check), whichever holds the claims; and a projection that stops advancing
 * while events wait for it is reported as such on both, DOWN in the health's {@code projectionProgress}, with a gauge, until
 * it advances again.
 */
class ProgressInAClusterTest {

    private final ProjectionInstances instances = new ProjectionInstances();

    private ConfigurableApplicationContext start(TestDatabases.Database db, String node) {
        // the progress check's period and bound shortened from 2 s and 60 s so the test sees it turn
        return instances.start(db, node, "--kat.projections.figures-interval-ms=200", "--kat.projections.not-advancing-after-ms=1500");
    }

    @AfterEach
    void stop() {
        instances.close();
    }

    private static long register(ConfigurableApplicationContext ctx, int i) {
        com.polaris.kat.projection.support.TestEvents.sealWith(ctx.getBean(com.polaris.kat.eventstore.personal.PersonalDataVault.class));
        return append(ctx, "series-81", i + 1, ViewsScenarioTest.placed("series-81", "c81-r" + i, "c81-c" + i, "Person " + i, false,
                ViewsScenarioTest.PRICE, Money.ofCents(6_120), Money.ZERO, Instant.parse("2023-08-01T00:00:00Z").plusSeconds(3600L * i).toString()));
    }

    private static double lagGauge(ConfigurableApplicationContext ctx, String projection) {
        return ctx.getBean(MeterRegistry.class).get("kat.projection.lag.events").tag("projection", projection).gauge().value();
    }

    private static double notAdvancingGauge(ConfigurableApplicationContext ctx, String projection) {
        return ctx.getBean(MeterRegistry.class).get("kat.projection.not.advancing.seconds").tag("projection", projection).gauge().value();
    }

    @SuppressWarnings("rawtypes")
    private static Map status(ConfigurableApplicationContext ctx, String projection) {
        ResponseEntity<Map> r = get(ctx, "/api/admin/projections/" + projection);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Map progressHealth(ConfigurableApplicationContext ctx) {
        Map health = get(ctx, "/actuator/health").getBody();
        return (Map) ((Map) health.get("components")).get("projectionProgress");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void bothInstancesReportTheClustersProgressAndAProjectionThatStopsAdvancingWhileBehind() {
        TestDatabases.Database db = TestDatabases.createFresh("progress_cluster");
        ConfigurableApplicationContext a = start(db, "projection-a");
        await().atMost(Duration.ofSeconds(60)).until(() -> holdsEveryProjection(a));
        append(a, "series-81", 0, new SeriesScheduled("series-81", 81, 30, ViewsScenarioTest.PRICE, ViewsScenarioTest.CE,
                List.of(ViewsScenarioTest.day("M1", "2023-10-10")), "v1"));
        ConfigurableApplicationContext b = start(db, "projection-b");
        await().atMost(Duration.ofSeconds(30)).until(() -> processor(b, "registrations").isRunning());
        assertThat(processor(b, "registrations").processingStatus()).as("b stands by").isEmpty();
        long head = 0;
        for (int i = 0; i < 3; i++) {
            head = register(a, i);
        }
        long written = head;

        // caught up: no lag on either instance, whichever holds the claims
        for (ConfigurableApplicationContext ctx : List.of(b, a)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(lagGauge(ctx, "registrations")).as("lag gauge").isEqualTo(0.0);
                Map s = status(ctx, "registrations");
                assertThat(((Number) s.get("processedThrough")).longValue()).as("processedThrough " + s).isEqualTo(written);
                assertThat(((Number) s.get("behind")).longValue()).as("behind " + s).isZero();
            });
            assertThat(progressHealth(ctx)).containsEntry("status", "UP");
            assertThat(notAdvancingGauge(ctx, "registrations")).isEqualTo(0.0);
        }

        // the ledger's processor stops on a (the claim holder), nobody takes it over (b's ledger processor stopped too), and
        // events arrive: both instances say the ledger is behind and not advancing, and since when
        processor(b, "ledger").shutDown();
        processor(a, "ledger").shutDown();
        long last = 0;
        for (int i = 3; i < 5; i++) {
            last = register(b, i);
        }
        long behindNow = last - written;
        for (ConfigurableApplicationContext ctx : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(lagGauge(ctx, "ledger")).as("ledger lag").isEqualTo((double) behindNow);
                Map h = progressHealth(ctx);
                assertThat(h).as(String.valueOf(h)).containsEntry("status", "DOWN");
                Map ledger = (Map) ((Map) h.get("details")).get("ledger");
                assertThat(ledger).as(String.valueOf(h)).containsEntry("processedThrough", (int) written).containsEntry("behind", (int) behindNow)
                        .containsKey("notAdvancingSince");
                assertThat(notAdvancingGauge(ctx, "ledger")).isGreaterThanOrEqualTo(1.5);
            });
            assertThat(notAdvancingGauge(ctx, "registrations")).as("the others advance").isEqualTo(0.0);
            Map anonymous = org.springframework.web.client.RestClient.create("http://localhost:" + ctx.getEnvironment().getProperty("local.server.port"))
                    .get().uri("/actuator/health").retrieve().onStatus(st -> true, (q, r) -> { }).body(Map.class);
            assertThat((Map) ((Map) anonymous.get("components")).get("projectionProgress")).as("details for administrators only")
                    .containsEntry("status", "DOWN").doesNotContainKey("details");
            ResponseEntity<Map> ready = get(ctx, "/actuator/health/readiness");
            assertThat(ready.getStatusCode().value()).as("the instance still answers reads: it stays in the load balancer").isEqualTo(200);
            assertThat((Map) ready.getBody().get("components")).as("not readiness checks")
                    .doesNotContainKey("projectionProgress").doesNotContainKey("projections").containsKey("db");
            Map overall = get(ctx, "/actuator/health").getBody();
            assertThat((Map) ((Map) overall.get("components")).get("projections")).as("the overall health says the ledger is stopped")
                    .containsEntry("status", "DOWN");
        }

        // it runs again (b takes it): both say it advanced, UP
        processor(b, "ledger").start();
        long end = last;
        for (ConfigurableApplicationContext ctx : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(lagGauge(ctx, "ledger")).isEqualTo(0.0);
                assertThat(((Number) status(ctx, "ledger").get("processedThrough")).longValue()).isEqualTo(end);
                assertThat(progressHealth(ctx)).containsEntry("status", "UP");
                assertThat(notAdvancingGauge(ctx, "ledger")).isEqualTo(0.0);
            });
        }
    }
}
