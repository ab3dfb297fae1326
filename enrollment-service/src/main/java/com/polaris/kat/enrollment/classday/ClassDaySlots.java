package com.polaris.kat.enrollment.classday;

import java.time.LocalDate;

/**
 * Which class day runs a module, or a series, on a date ({@link ClassDaySlot}), in the current command's unit of work:
 * what a scheduling and a move ask before a day comes to run on a date, and the record that it does. Each call loads the
 * (module, date) slot and holds its lock until the command ends. Production: {@link RepositoryClassDaySlots};
 * fixture tests pass a stub.
 */
public interface ClassDaySlots {

    /**
     * The class day that runs {@code moduleCode} on {@code date} now, or, when none does, the id a class day newly scheduled
     * there gets: {@code <module>-<date>}, or {@code <module>-<date>-<n>} when n - 1 days were scheduled there before (and
     * moved away, keeping their ids).
     */
    String dayOn(String moduleCode, LocalDate date);

    /** Records that the newly scheduled day {@code classDayId} runs {@code moduleCode} on {@code date} ({@code ClassDaySlotTaken}). */
    void scheduled(String classDayId, String moduleCode, LocalDate date);

    /**
     * Records that {@code classDayId} moves from {@code from} to {@code to}: {@code ClassDaySlotTaken} on the slot of its
     * module on {@code to}, then on the slot of each series using it on {@code to} (in series id order).
     *
     * @throws com.polaris.kat.enrollment.rules.Refusal class-day-exists (409) when another day runs {@code moduleCode} on
     *                                                  {@code to}; duplicate-date (422, field newDate) when another day of
     *                                                  one of the series moved to {@code to} and runs there
     */
    void movedIn(String classDayId, String moduleCode, java.util.Collection<String> seriesIds, LocalDate from, LocalDate to);
}
