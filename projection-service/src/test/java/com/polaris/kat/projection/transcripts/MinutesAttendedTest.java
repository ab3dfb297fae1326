package com.polaris.kat.projection.transcripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The transcript's minutes attended: the segments' seconds summed, then whole minutes (rounded down). */
class MinutesAttendedTest {

    /** Found by a fresh reviewer: 3 h 28 min 57 s and 4 h 24 min 9 s (473 min 6 s) read 472 from per-segment minutes. */
    private static final java.time.Instant STARTS = java.time.Instant.parse("2023-10-10T16:00:00Z");
    private static final java.time.Instant ENDS = java.time.Instant.parse("2023-10-11T00:00:00Z");

    @Test
    void theSegmentsSecondsAreSummedBeforeWholeMinutes() {
        String segments = "2023-10-10T16:05:03Z/2023-10-10T19:34:00Z;2023-10-10T19:36:00Z/2023-10-10T23:59:09Z";
        assertThat(TranscriptQueries.minutesAttended(segments, null, null, null, STARTS, ENDS)).isEqualTo(472);
        assertThat(TranscriptQueries.minutesAttended(null, java.sql.Timestamp.from(STARTS), java.sql.Timestamp.from(ENDS), null, STARTS, ENDS))
                .isEqualTo(480);
        assertThat(TranscriptQueries.minutesAttended(null, null, null, 455, STARTS, ENDS)).isEqualTo(455);
    }

    /** Found by a fresh reviewer: a report row of 08:00 to 18:00 read 600 minutes of a 480-minute day. */
    @Test
    void onlyTheClassDaysHoursCount() {
        assertThat(TranscriptQueries.minutesAttended("2023-10-10T15:00:00Z/2023-10-11T01:00:00Z", null, null, null, STARTS, ENDS)).isEqualTo(480);
        assertThat(TranscriptQueries.minutesAttended("2023-10-10T16:05:03Z/2023-10-10T19:34:00Z;2023-10-10T19:36:00Z/2023-10-11T00:00:09Z",
                null, null, null, STARTS, ENDS)).as("9 s after the end do not count").isEqualTo(472);
        assertThat(TranscriptQueries.minutesAttended("2023-10-10T14:00:00Z/2023-10-10T15:00:00Z", null, null, null, STARTS, ENDS)).isZero();
    }
}
