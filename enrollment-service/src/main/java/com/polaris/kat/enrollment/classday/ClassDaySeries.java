package com.polaris.kat.enrollment.classday;

import com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved;

import java.util.SortedSet;

/**
 * The series using a class day, as a move of the day needs them: found without the day's lock, locked before it, and
 * rescheduled in the move's own unit of work (one transaction), so no decision of a series (a refund's cutoff, a
 * registration's close) is ever made on a date the day has already left. Production: series/RepositoryClassDaySeries;
 * fixture tests pass a stub.
 */
public interface ClassDaySeries {

    /**
     * @param classDayId a class day id
     * @return the ids of the series using the day as its stream holds them now (read without its lock), in ascending
     *         order; empty when there is no such day
     */
    SortedSet<String> using(String classDayId);

    /**
     * Loads each series in the current unit of work, in ascending id order, so each stays locked until the command ends.
     * This is the lock order every command follows: registration, then series, then class day.
     */
    void lock(SortedSet<String> seriesIds);

    /**
     * @param seriesId a series locked in this unit of work ({@link #lock})
     * @return its active registrations (a seat held, not released), in ascending id order
     */
    SortedSet<String> activeRegistrations(String seriesId);

    /**
     * @param seriesId a series locked in this unit of work ({@link #lock})
     * @return the clinicians holding a seat in it now (their pseudonymous ids), in ascending order
     */
    SortedSet<String> activeClinicians(String seriesId);

    /**
     * Each series the move names reschedules its class day (the series' own rule: {@code RescheduleSeriesClassDay}), in
     * the current unit of work; its events carry the move's actor and correlation id.
     *
     * @throws com.polaris.kat.enrollment.rules.Refusal invalid-date (422) as the series' rule decides
     */
    void follow(ClassDayMoved move);
}
