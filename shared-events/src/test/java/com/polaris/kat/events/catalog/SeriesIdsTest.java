package com.polaris.kat.events.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesIdsTest {

    @Test
    void aSeriesIsNamedByItsNumberAndAnIdNoSeriesHasAsGiven() {
        assertThat(SeriesIds.named(SeriesIds.of(20))).isEqualTo("Series 20");
        assertThat(SeriesIds.named("series-2147483647")).isEqualTo("Series 2147483647");
        assertThat(SeriesIds.named("series-020")).isEqualTo("Series series-020");
        assertThat(SeriesIds.named("series-")).isEqualTo("Series series-");
        assertThat(SeriesIds.named("series-2x")).isEqualTo("Series series-2x");
        assertThat(SeriesIds.named("abc")).isEqualTo("Series abc");
    }
}
