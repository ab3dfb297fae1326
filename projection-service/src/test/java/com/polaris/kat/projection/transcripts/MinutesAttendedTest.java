package com.polaris.kat.projection.transcripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The transcript's minutes attended: the segments' seconds summed, then whole minutes (rounded down). */
class MinutesAttendedTest {

    /** Found by a fresh reviewer: 3 h 28 min 57 s and 4 h 24 min 9 s (473 min 6 s) read 472 from per-segment minutes. */
    @Test
    void theSegmentsSecondsAreSummedBeforeWholeMinutes() {
        String segments = "2023-10-10T16:05:03Z/2023-10-10T19:34:00Z;2023-10-10T19:36:00Z/2023-10-11T00:00:09Z";
        assertThat(TranscriptQueries.minutesAttended(segments, null, null, null)).isEqualTo(473);
        assertThat(TranscriptQueries.minutesAttended(null, java.sql.Timestamp.from(java.time.Instant.parse("2023-10-10T16:00:00Z")),
                java.sql.Timestamp.from(java.time.Instant.parse("2023-10-11T00:00:00Z")), null)).isEqualTo(480);
        assertThat(TranscriptQueries.minutesAttended(null, null, null, 455)).isEqualTo(455);
    }
}
