package com.polaris.kat.enrollment.classday;

import java.util.Collection;

/**
 * Orders, across service instances, the commands that decide a registration's make-up date against its own series'
 * dates: a make-up booking ({@code attendance/MakeUpDesk}) and a class-day move ({@link ClassDayMoves}). Neither appends
 * to a stream the other appends to (a booking writes the registration and the make-up day, a move the moved day, its
 * series and the make-ups on that day), so the store's (aggregate, sequence) key cannot order them, and each instance's
 * aggregate locks order them only within that instance. Product rule: a make-up is never on a date its own series teaches
 * (registration/ModuleAttendance checks both sides).
 * <p>
 * Each takes, inside its command's own database transaction and before any other lock, the date lock of every series it
 * decides on, before it reads the other side's streams; the lock ends with the transaction, after the command's events
 * are committed. The second command then reads what the first wrote: a move sees the booked make-up and refuses
 * ({@code 422 make-up-on-series-date}), a booking reads the moved dates (a cached series the move changed is found stale
 * and the booking retried) and refuses. Before, the window was the few milliseconds of two such transactions on two
 * instances. Production: {@link AdvisorySeriesDateLocks}.
 */
@FunctionalInterface
public interface SeriesDateLocks {

    /**
     * Waits for, then holds until the current transaction ends, the date lock of each series (ascending id order, so two
     * commands never wait for each other both ways).
     *
     * @param seriesIds series ids ("series-20")
     * @throws IllegalStateException when no transaction is active (a lock would end at once: a wiring fault)
     */
    void hold(Collection<String> seriesIds);
}
