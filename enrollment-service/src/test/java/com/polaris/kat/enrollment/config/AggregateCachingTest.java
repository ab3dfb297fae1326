package com.polaris.kat.enrollment.config;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cached aggregates in one instance (issue 12): a command that applies events to a cached aggregate is checked by
 * the append (no read, no retry), one that ends without applying any (a refusal) reads the stream's last sequence
 * number once; neither takes a fresh aggregate for stale. The two-instance case, where the cache really is stale,
 * is TwoInstanceOversellTest's.
 */
class AggregateCachingTest extends EnrollmentServiceTestBase {

    @Autowired
    MeterRegistry meters;

    @Autowired
    org.axonframework.config.Configuration axon;

    @Test
    void everyAggregateResolvesItsCommandsTargetsWithTheCachedResolver() {
        // what Axon's aggregate configuration asks for (AggregateConfigurer: getComponent(CommandTargetResolver.class))
        assertThat(axon.getComponent(org.axonframework.modelling.command.CommandTargetResolver.class)).isInstanceOf(CommandTargets.class);
    }

    private double staleFound() {
        return meters.get("kat.aggregate.cache.stale").functionCounter().count();
    }

    @Test
    void commandsOnCachedAggregatesOfOneInstanceAreNeverTakenForStaleNorRetried() {
        clock.set("2023-08-01T00:00:00Z");
        defineProgramModules();
        assertThat(post("/api/catalog/series", Map.of("seriesNumber", 9301, "capacity", 3, "priceCents", 210000,
                "ceOptionPriceCents", 0, "classDays", List.of(Map.of("module", "M1", "date", "2023-10-10")))).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        double before = staleFound();
        String firstRegistration = null;
        for (int i = 0; i < 3; i++) { // each appends to the cached series: SeatTaken at the next sequence number
            ResponseEntity<Map> r = post("/api/series/series-9301/registrations", Map.of("clinician", Map.of("fullName", "Cache Test",
                            "email", "cache-" + i + "@example.org", "profession", "Nurse", "licenseNumber", "RN-" + i, "licenseState", "OR"),
                    "ceOption", false, "payment", Map.of("amountPaidCents", 210000, "chargeReference", "ch_cache_" + i,
                            "processingFeeCents", 6120)));
            assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.CREATED);
            firstRegistration = firstRegistration == null ? (String) r.getBody().get("registrationId") : firstRegistration;
        }
        // a refusal from the cached series (sold out), then a cancellation (appends to it), then a sale again
        ResponseEntity<Map> refused = post("/api/series/series-9301/registrations", Map.of("clinician", Map.of("fullName", "Cache Test",
                        "email", "cache-x@example.org", "profession", "Nurse", "licenseNumber", "RN-x", "licenseState", "OR"),
                "ceOption", false, "payment", Map.of("amountPaidCents", 210000, "chargeReference", "ch_cache_x", "processingFeeCents", 6120)));
        assertThat(refused.getBody()).containsEntry("type", "urn:kat:problem:sold-out");
        assertThat(post("/api/series/series-9301/registrations/" + firstRegistration + "/cancel", Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(post("/api/series/series-9301/registrations", Map.of("clinician", Map.of("fullName", "Cache Test",
                        "email", "cache-y@example.org", "profession", "Nurse", "licenseNumber", "RN-y", "licenseState", "OR"),
                "ceOption", false, "payment", Map.of("amountPaidCents", 210000, "chargeReference", "ch_cache_y", "processingFeeCents", 6120)))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);

        assertThat(staleFound()).as("no cached aggregate of this instance was taken for stale").isEqualTo(before);
        assertThat(eventTypes("series-9301")).containsExactly("SeriesScheduled", "SeatTaken", "SeatTaken", "SeatTaken",
                "SeatReleased", "SeatTaken");
    }
}
