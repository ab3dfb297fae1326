package com.polaris.kat.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The slices of an ABBA row merge into one result per kind: rate over the summed seconds, percentiles over all requests. */
class RegistrationLoadTest {

    private static Latencies ms(long... millis) {
        Latencies l = new Latencies();
        for (long m : millis) {
            l.add(m * 1_000_000);
        }
        return l;
    }

    @Test
    void twoSlicesMergeIntoOneRateAndOnePercentileSet() {
        RegistrationLoad.Slice first = new RegistrationLoad.Slice(16, 4, 300, Map.of(409, 2L), 1.5, ms(1, 2, 3, 4));
        RegistrationLoad.Slice second = new RegistrationLoad.Slice(16, 4, 100, Map.of(409, 1L, 503, 1L), 0.5, ms(10, 20, 30, 40));
        RegistrationLoad.Result r = RegistrationLoad.merge(List.of(first, second));
        // 400 registrations in 2.0 s: 200/s
        assertThat(r.created()).isEqualTo(400);
        assertThat(r.seconds()).isEqualTo(2.0);
        assertThat(r.perSecond()).isEqualTo(200.0);
        assertThat(r.otherStatuses()).containsExactlyInAnyOrderEntriesOf(Map.of(409, 3L, 503, 1L));
        // eight requests: the 50th percentile by nearest rank is the 4th (4 ms), the 99th the 8th (40 ms)
        assertThat(r.p50Ms()).isEqualTo(4.0);
        assertThat(r.p99Ms()).isEqualTo(40.0);
        assertThat(r.clients()).isEqualTo(16);
    }

    @Test
    void slicesAtDifferentRatesWeighByTheirSeconds() {
        RegistrationLoad.Slice fast = new RegistrationLoad.Slice(1, 1, 300, Map.of(), 1.0, ms(1));
        RegistrationLoad.Slice slow = new RegistrationLoad.Slice(1, 1, 100, Map.of(), 1.0, ms(3));
        assertThat(RegistrationLoad.merge(List.of(fast, slow)).perSecond()).isEqualTo(200.0);
    }
}
