package com.polaris.kat.enrollment.classday;

import java.time.LocalDate;
import java.util.Map;

/**
 * The dates a series runs its class days on, as a class day's move needs them to keep a series at one
 * module a day: read from the series' stream without taking its lock (the move holds the class day's;
 * taking series locks after it would invert the lock order of credit/ClinicianCredit). Production:
 * {@link EventStoreDates}; fixture tests pass a map.
 */
public interface SeriesDates {

    /**
     * @param seriesId a series using the class day
     * @return class day id → its date, for every class day of the series as scheduled and moved so far
     */
    Map<String, LocalDate> of(String seriesId);
}
