package com.polaris.kat.enrollment.config;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Registrations have a cache bound of their own (every new registration enters it); the other types keep theirs. */
class AggregateCacheSizeTest {

    private static long held(Cache cache, String prefix, int written) {
        return IntStream.range(0, written).filter(i -> cache.containsKey(prefix + i)).count();
    }

    @Test
    void registrationsAreBoundedByTheirOwnSetting() {
        AggregateCaching caching = new AggregateCaching(null, 50, 30, 5, new SimpleMeterRegistry());
        Cache registrations = caching.registrationCache();
        Cache series = caching.seriesCache();
        for (int i = 0; i < 40; i++) {
            registrations.put("registration-" + i, "aggregate " + i);
            series.put("series-" + i, "aggregate " + i);
        }
        assertThat(held(registrations, "registration-", 40)).isLessThanOrEqualTo(5);
        assertThat(held(series, "series-", 40)).isEqualTo(40);
    }
}
