package com.polaris.kat.events.enrollment;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Refund policy v1's cutoff: 09:00 Pacific, 14 calendar days before the earliest class day (product rules). */
class CancellationCutoffTest {

    @Test
    void nineInTheMorningPacificFourteenCalendarDaysBefore() {
        assertThat(CancellationCutoff.v1(LocalDate.parse("2027-03-01"))).isEqualTo(Instant.parse("2027-02-15T17:00:00Z"));
        // a first day after the spring change (2027-03-14), its cutoff before it: each at 09:00 local time
        assertThat(CancellationCutoff.v1(LocalDate.parse("2027-03-28"))).isEqualTo(Instant.parse("2027-03-14T16:00:00Z"));
        assertThat(CancellationCutoff.v1(LocalDate.parse("2023-11-14"))).isEqualTo(Instant.parse("2023-10-31T16:00:00Z"));
    }

    @Test
    void anUnknownVersionOrNoClassDayHasNone() {
        assertThat(CancellationCutoff.of("v1", LocalDate.parse("2027-03-01"))).contains(Instant.parse("2027-02-15T17:00:00Z"));
        assertThat(CancellationCutoff.of("v2", LocalDate.parse("2027-03-01"))).isEmpty();
        assertThat(CancellationCutoff.of(null, LocalDate.parse("2027-03-01"))).isEmpty();
        assertThat(CancellationCutoff.of("v1", null)).isEmpty();
    }
}
