package com.polaris.kat.projection.web;

import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Metrics export is off in Spring Boot tests unless asked for. */
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class OperationsEndpointsTest extends ProjectionServiceTestBase {

    @Test
    void readinessIncludesTheDatabaseTheOverallHealthEveryProjectionAndPrometheusShowsTheirLag() {
        String readiness = http.get().uri("/actuator/health/readiness").retrieve().body(String.class);
        assertThat(readiness).contains("\"db\"").contains("\"stalledProjections\"").doesNotContain("\"projections\"").contains("\"status\":\"UP\"");
        String health = http.get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(health).contains("\"projections\"").contains("\"ledger\"").contains("\"projectionProgress\"");
        String metrics = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).contains("kat_projection_lag_events{projection=\"ledger\"}").contains("kat_projection_lag_events{projection=\"audit\"}");
        // Axon's processor counters, by processor, once it has read an event
        append("OPS-M1", new com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined("OPS-M1", "Operations module",
                java.math.BigDecimal.ONE), "tester");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get().uri("/actuator/prometheus").retrieve().body(String.class))
                        .contains("eventProcessor_ingestedCounter_total{eventProcessor=\"registrations\"}"));
    }

    @Test
    void infoShowsTheBuildAndTheRefundPolicyInForce() {
        String info = http.get().uri("/actuator/info").retrieve().body(String.class);
        assertThat(info).contains("\"refund-policy-version\":\"v1\"")
                .contains("\"artifact\":\"projection-service\"").contains("\"version\":\"0.1.0-SNAPSHOT\"");
    }
}
