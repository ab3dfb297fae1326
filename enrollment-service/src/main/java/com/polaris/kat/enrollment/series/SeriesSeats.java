package com.polaris.kat.enrollment.series;

import java.time.Instant;

/**
 * What a registration's stream asks of its series, in the same unit of work: the schedule (read
 * only) and, for a cancellation, freeing the seat. Production: {@link SeriesRepositorySeats}; fixture
 * tests pass a stub.
 */
public interface SeriesSeats {

    /**
     * The series' class days as they stand.
     *
     * @throws com.polaris.kat.enrollment.rules.Refusal series-not-found (404)
     */
    SeriesSchedule schedule(String seriesId);

    /**
     * Frees the registration's seat (a {@code SeatReleased} on the series' stream).
     *
     * @return the seats taken after the release
     * @throws com.polaris.kat.enrollment.rules.Refusal series-not-found, registration-not-found (404), already-cancelled (409)
     */
    int release(String seriesId, String registrationId, Instant at);
}
