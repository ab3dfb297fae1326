package com.polaris.kat.enrollment.classday;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The date another class day runs on now, as a move needs it to keep one live session per module a day: read from
 * that day's stream without taking its lock (the move holds its own day's). Production: {@link EventStoreDates};
 * fixture tests pass a lambda.
 */
public interface ClassDayDates {

    /**
     * @param classDayId a class day id (e.g. {@code M1-2030-03-04})
     * @return the date it runs on, moves applied; empty when there is no such day
     */
    Optional<LocalDate> currentDate(String classDayId);
}
