package com.polaris.kat.enrollment.classday;

import com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved;

import java.util.SortedSet;

/**
 * The registrations holding a make-up place on a class day, as a move of the day needs them: found without the day's
 * lock, locked before the series and the day (the lock order every command follows: registration, series, class day),
 * and their make-ups moved with the day in the move's own unit of work (one transaction), so no attendance, evaluation
 * or cancellation of a make-up is ever decided on a date its day has left. Production:
 * registration/RepositoryClassDayMakeUps.
 */
public interface ClassDayMakeUps {

    /**
     * @param classDayId a class day id
     * @return the registrations holding a make-up place on the day as its stream holds them now (read without its lock),
     *         registration id → its series id, in ascending registration id order; empty when there is none or no such day
     */
    java.util.SortedMap<String, String> holders(String classDayId);

    /**
     * Refuses a move that would put a day of the registrations' own series on the date of one of their make-ups (the other
     * side of the rule that a make-up is never on a date its own series teaches, registration/ModuleAttendance). Each
     * registration's make-ups are read from its stream without its lock: a make-up is booked under its series' lock, which
     * the move holds, so none is booked in between on this instance.
     *
     * @param members the active registrations of the series using the moved day, registration id → its series id, in
     *                ascending registration id order
     * @param move    the move, applied to the day and not yet committed
     * @throws com.polaris.kat.enrollment.rules.Refusal make-up-on-series-date (422, field newDate) naming the first
     *                                                  registration (its series, its make-up, the moved day) and every other one
     */
    void checkNoMakeUpOn(java.util.SortedMap<String, String> members, ClassDayMoved move);

    /** Loads each registration in the current unit of work, in ascending id order, so each stays locked until the command ends. */
    void lock(SortedSet<String> registrationIds);

    /** The clinician of a registration locked in this unit of work ({@link #lock}). */
    String clinicianOf(String registrationId);

    /**
     * Each registration's make-up on the moved day follows it ({@code MakeUpRescheduled} on the registration's stream), in
     * the current unit of work; its events carry the move's actor and correlation id. Each registration's series must have
     * been locked with the series using the day (before the day).
     *
     * @param registrationIds the registrations holding a make-up place on the day
     * @throws com.polaris.kat.enrollment.rules.Refusal make-up-on-series-date (422, field newDate) when a registration's own
     *                                                  series teaches another module on the new date
     */
    void follow(ClassDayMoved move, SortedSet<String> registrationIds);
}
