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
     * @return the ids of the registrations holding a make-up place on the day as its stream holds them now (read without
     *         its lock), in ascending order; empty when there is none or no such day
     */
    SortedSet<String> holders(String classDayId);

    /** Loads each registration in the current unit of work, in ascending id order, so each stays locked until the command ends. */
    void lock(SortedSet<String> registrationIds);

    /**
     * Each registration's make-up on the moved day follows it ({@code MakeUpRescheduled} on the registration's stream), in
     * the current unit of work; its events carry the move's actor and correlation id.
     *
     * @param registrationIds the registrations holding a make-up place on the day
     */
    void follow(ClassDayMoved move, SortedSet<String> registrationIds);
}
