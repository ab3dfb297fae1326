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

    /** A sold seat's cutoff: v1 counted from the day above, for a request or a read at an instant. */
    @Test
    void aSoldSeatsCutoffCountsFromTheDayAsSoldUntilTheSeriesStarts() {
        LocalDate sold = LocalDate.parse("2027-03-01");
        LocalDate forward = LocalDate.parse("2027-02-01");
        Instant forwardStarts = Instant.parse("2027-02-01T17:00:00Z");
        assertThat(CancellationCutoff.ofSeat("v1", forward, forwardStarts, sold, forwardStarts.minusMillis(1)))
                .contains(Instant.parse("2027-02-15T17:00:00Z"));
        assertThat(CancellationCutoff.ofSeat("v1", forward, forwardStarts, sold, forwardStarts)).contains(Instant.parse("2027-01-18T17:00:00Z"));
        assertThat(CancellationCutoff.ofSeat("v2", forward, forwardStarts, sold, forwardStarts)).isEmpty();
    }

    /**
     * The cutoff counts from the later of the first day now and the first day as sold (a start brought forward keeps the
     * sale's) while the series has not started; once it has, from its actual first day.
     */
    @Test
    void theCutoffCountsFromTheLaterOfTheFirstDayNowAndAsSoldUntilTheSeriesStarts() {
        LocalDate sold = LocalDate.parse("2023-10-12");
        LocalDate forward = LocalDate.parse("2023-08-10");
        Instant forwardStarts = Instant.parse("2023-08-10T16:00:00Z");
        Instant before = forwardStarts.minusSeconds(1);
        assertThat(CancellationCutoff.earliestClassDayCounted(forward, forwardStarts, sold, before)).as("brought forward, not started").isEqualTo(sold);
        assertThat(CancellationCutoff.earliestClassDayCounted(forward, forwardStarts, sold, forwardStarts)).as("brought forward, started")
                .isEqualTo(forward);
        assertThat(CancellationCutoff.earliestClassDayCounted(LocalDate.parse("2023-11-02"), Instant.parse("2023-11-02T16:00:00Z"), sold, before))
                .as("postponed").isEqualTo(LocalDate.parse("2023-11-02"));
        assertThat(CancellationCutoff.earliestClassDayCounted(sold, Instant.parse("2023-10-12T16:00:00Z"), sold, before)).isEqualTo(sold);
        assertThat(CancellationCutoff.earliestClassDayCounted(forward, forwardStarts, null, before)).as("not recorded (sold before revision 3)")
                .isEqualTo(forward);
    }
}
