package com.polaris.kat.enrollment.privacy;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The CE identity is kept six years after the clinician's last CE event (product rules, "Personal data"). */
class CeRetentionTest {

    private static final Instant LAST = Instant.parse("2023-10-10T16:04:00Z");

    @Test
    void retentionEndsSixCalendarYearsAfterTheLastCeEvent() {
        assertThat(CeRetention.retainedUntil(LAST)).isEqualTo(Instant.parse("2029-10-10T16:04:00Z"));
        assertThat(CeRetention.retainedUntil(Instant.parse("2024-02-29T12:00:00Z"))).isEqualTo(Instant.parse("2030-02-28T12:00:00Z"));
    }

    @Test
    void oneSecondBeforeTheEndItIsStillKeptAtTheEndItIsOver() {
        assertThat(CeRetention.isOver(LAST, Instant.parse("2029-10-10T16:03:59Z"))).isFalse();
        assertThat(CeRetention.isOver(LAST, Instant.parse("2029-10-10T16:04:00Z"))).isTrue();
        assertThat(CeRetention.isOver(LAST, Instant.parse("2035-01-01T00:00:00Z"))).isTrue();
    }
}
