package com.polaris.kat.enrollment.classday;

import java.util.Collection;

/**
 * What a registration's cancellation asks of the class days where it holds make-up places, in the
 * cancellation's own unit of work: the places come free at once, so a class day's room as the
 * seat view shows it is the room the next make-up is given (issue 14). Production:
 * {@link RepositoryClassDayPlaces}; fixture tests pass a stub.
 */
public interface ClassDayPlaces {

    /**
     * Frees the registration's make-up place on each of these class days (a
     * {@code ClassDayMakeUpReleased} on each day's stream), taking the days in ascending id order
     * (the lock order, see credit/ClinicianCredit). A day where it holds no place appends nothing.
     *
     * @param reason why the place comes free, as the audit trail shows it
     * @throws com.polaris.kat.enrollment.rules.Refusal class-day-not-found (404)
     */
    void release(Collection<String> classDayIds, String registrationId, String reason);
}
