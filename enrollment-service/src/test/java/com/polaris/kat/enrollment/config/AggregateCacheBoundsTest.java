package com.polaris.kat.enrollment.config;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each aggregate type's cache keeps at most its bound: series, registrations and credit accounts
 * {@code kat.aggregate-cache.max-entries}, class days, their slots and course modules (never loaded by a
 * registration) {@code kat.aggregate-cache.class-day-max-entries}.
 */
class AggregateCacheBoundsTest {

    private static long held(Cache cache, int written) {
        return IntStream.range(0, written).filter(i -> cache.containsKey("aggregate-" + i)).count();
    }

    private static void fill(Cache cache, int entries) {
        for (int i = 0; i < entries; i++) {
            cache.put("aggregate-" + i, "state-" + i);
        }
    }

    @Test
    void classDaysAndTheirSlotsKeepTheirOwnSmallerBound() {
        AggregateCaching caching = new AggregateCaching(null, 50, 5, 30, new SimpleMeterRegistry());
        Cache series = caching.seriesCache();
        Cache registrations = caching.registrationCache();
        Cache classDays = caching.classDayCache();
        Cache slots = caching.classDaySlotCache();
        Cache modules = caching.courseModuleCache();
        for (Cache c : new Cache[]{series, registrations, classDays, slots, modules}) {
            fill(c, 40);
        }
        await().until(() -> held(classDays, 40) <= 5 && held(slots, 40) <= 5 && held(modules, 40) <= 5);
        assertThat(held(series, 40)).as("under its bound of 50: all kept").isEqualTo(40);
        assertThat(held(registrations, 40)).isEqualTo(40);
        fill(series, 200);
        await().until(() -> held(series, 200) <= 50);
    }
}
