package com.polaris.kat.enrollment.classday;

import java.util.Collection;

/**
 * What other aggregates' commands ask of class days, in their own unit of work (one transaction):
 * scheduling a series creates or joins its class days, so a command on a day right after the
 * series' 201 finds it (a registry had done this afterwards, and such commands answered 404 for a
 * moment); a registration's cancellation frees the make-up places it holds, so a class day's room
 * as the seat view shows it is the room the next make-up is given (issue 14). Production:
 * {@link RepositoryClassDayPlaces}; fixture tests pass a stub.
 */
public interface ClassDayPlaces {

    /**
     * The class days a new series' planned (module, date)s are: for each, the day that runs the module on the date
     * (its (module, date) slot says which, {@link ClassDaySlots}; a day keeps its id when it moves, so the id does not),
     * or the id a new day there gets ({@code <module>-<date>}, or {@code <module>-<date>-<n>} when days scheduled there
     * before have moved away). Appends nothing; the slots found stay locked until the command ends.
     *
     * @param planned the series' class days as planned (modules, dates; the ids are replaced)
     * @return the planned days in their order, each with its day's id
     */
    java.util.List<com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay> find(
            Collection<com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay> planned);

    /**
     * Creates each of a newly scheduled series' class days, or shares an existing one with it
     * ({@code ClassDayScheduled} / {@code ClassDaySharedWithSeries} on the day's stream, by the rule of
     * {@code ClassDay}'s {@code UseClassDay} handler; a new day takes its (module, date) slot), taking the days in
     * ascending id order.
     *
     * @param days     the series' class days as {@link #find} gave them
     * @param seriesId the series that uses them
     * @param seats    the seats the series holds on each (its capacity)
     * @throws com.polaris.kat.enrollment.rules.Refusal class-day-module-mismatch (409) when a day's id already names a day of
     *                                                  another module; invalid-date (422) for a date outside 2000–2100;
     *                                                  invalid-capacity (422) when a shared day's room would exceed one live session
     */
    void use(Collection<com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay> days, String seriesId, int seats);

    /**
     * The series' new seat capacity, held on each of its class days ({@code ClassDaySeatsHeld} on each day's stream),
     * taking the days in ascending id order.
     *
     * @throws com.polaris.kat.enrollment.rules.Refusal invalid-capacity (422, field capacity) when a day's room (the seats
     *                                                  of every series using it and its make-up places) would exceed one
     *                                                  live session; class-day-not-found (404)
     */
    void holdSeats(Collection<String> classDayIds, String seriesId, int seats);

    /**
     * Frees the registration's make-up place on each of these class days (a
     * {@code ClassDayMakeUpReleased} on each day's stream), taking the days in ascending id order
     * (the lock order, see credit/ClinicianCredit), and then the clinician's places on those days
     * (livesession/LiveSessionHolds), so a make-up given back for whatever reason leaves no place held. A day
     * where it holds no place appends nothing.
     *
     * @param clinicianId    the registration's clinician
     * @param reason         why the place comes free, as the audit trail shows it (the service's words)
     * @param at             when (UTC)
     * @throws com.polaris.kat.enrollment.rules.Refusal class-day-not-found (404)
     */
    void release(Collection<String> classDayIds, String clinicianId, String registrationId, String reason, java.time.Instant at);
}
