package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Metrics export is off in Spring Boot tests unless asked for. */
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class OperationsEndpointsTest extends EnrollmentServiceTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void prometheusShowsDomainCountersAndAmountsAfterRegistrationsAndRefusals() {
        clock.set("2023-08-01T00:00:00Z");
        defineProgramModules();
        post("/api/catalog/series", Map.of("seriesNumber", 601, "capacity", 1, "priceCents", 210000, "ceOptionPriceCents", 0,
                "classDays", List.of(Map.of("module", "M1", "date", "2023-10-10"))));
        for (int i = 0; i < 2; i++) {
            http.post().uri("/api/series/series-601/registrations").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("clinician", Map.of("fullName", "Ops " + i, "email", "ops" + i + "@example.org", "profession", "RN",
                                    "licenseNumber", "RN" + i, "licenseState", "OR"), "ceOption", false,
                            "payment", Map.of("amountPaidCents", 210000, "chargeReference", "ch_o" + i, "processingFeeCents", 6120)))
                    .retrieve().toBodilessEntity();
        }
        String metrics = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).contains("kat_registrations_total{ce_option=\"false\"").contains("kat_refusals_total{reason=\"sold-out\"")
                .contains("kat_payments_amount_usd_sum")
                // Axon, dimensional: the command bus by payload type, each processor by name
                .contains("commandBus_allTimer_seconds{payloadType=\"RegisterForSeries\"")
                .contains("commandBus_successCounter_total{payloadType=\"RegisterForSeries\"")
                // no capacity gauge: Axon's re-registered its gauge for every command (AxonMetricsAutoConfiguration)
                .doesNotContain("commandBus_capacity");
        // a streaming processor counts once it has read the events (asynchronously)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get().uri("/actuator/prometheus").retrieve().body(String.class))
                        .contains("eventProcessor_ingestedCounter_total{eventProcessor=\"erasure-waitlist\"}"));
    }

    @Test
    void readinessIncludesTheDatabaseAndInfoShowsThePolicyVersion() {
        String readiness = http.get().uri("/actuator/health/readiness").retrieve().body(String.class);
        assertThat(readiness).contains("\"db\"").contains("\"status\":\"UP\"");
        assertThat(http.get().uri("/actuator/health/liveness").retrieve().body(String.class)).doesNotContain("\"db\"");
        String info = http.get().uri("/actuator/info").retrieve().body(String.class);
        assertThat(info).contains("\"refund-policy-version\":\"v1\"");
        assertThat(info).contains("\"build\"").contains("\"artifact\":\"enrollment-service\"").contains("\"version\":\"0.1.0-SNAPSHOT\"");
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void theReadinessDatabaseCheckAnswersDownWithinSecondsWhenTheDatabaseIsUnreachable(org.springframework.boot.test.system.CapturedOutput output) {
        // nothing listens on port 1: the check must not wait for the pool's 30 s connection timeout
        try (var unreachable = com.polaris.kat.eventstore.DatabaseHealthAutoConfiguration.databaseHealth(
                "jdbc:postgresql://127.0.0.1:1/kat", "kat", "none", 2)) {
            long started = System.nanoTime();
            assertThat(unreachable.health().getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
            // probe after probe: one line when it goes down, no stack trace (a fresh reviewer's outage log was 91 % of them)
            for (int i = 0; i < 3; i++) {
                var down = unreachable.health();
                assertThat(down.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
                assertThat(down.getDetails()).containsKey("error");
            }
            assertThat(output.getOut().lines().filter(l -> l.contains("The readiness check cannot reach the database"))).hasSize(1);
            assertThat(output.getOut()).doesNotContain("DataSource health check failed").doesNotContain("\tat com.zaxxer");
        }
        // the service's own check is this one, and its database is up
        var own = context.getBean("dbHealthIndicator", org.springframework.boot.actuate.health.HealthIndicator.class);
        assertThat(own.health().getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
    }
}
