package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.catalog.CeHoursApprovals;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A series' class days as they stand (moves applied): what a registration's decisions read from
 * the series (the cutoff from the first day, attendance bounds, a module's hours). Instants are
 * UTC; dates are Pacific class dates. Read through {@link SeriesSeats#schedule}: a class day's move reschedules the
 * series in its own transaction (classday/ClassDayMoves), so the series' days are the days' dates.
 *
 * @param seriesId     "series-N"
 * @param seriesNumber N
 * @param days         the class days, one per module ({@code ceHours}: as approved when the series was scheduled)
 * @param approvals    the hours a day earns ({@link #ceHours}), read only when a CE decision needs them
 */
public record SeriesSchedule(String seriesId, int seriesNumber, List<SeriesClassDay> days, CeHoursApprovals approvals) {

    public SeriesSchedule {
        Objects.requireNonNull(approvals, "approvals");
    }

    /** The day that starts first (the cutoff and the registration deadline hang on it). */
    public SeriesClassDay firstDay() {
        return days.stream().min(Comparator.comparing(SeriesClassDay::startsAt)).orElseThrow();
    }

    /** The day that ends last (nothing can be cancelled after it). */
    public SeriesClassDay lastDay() {
        return days.stream().max(Comparator.comparing(SeriesClassDay::endsAt)).orElseThrow();
    }

    /** The series' own day with this id, if it has one. */
    public Optional<SeriesClassDay> day(String classDayId) {
        return days.stream().filter(d -> d.classDayId().equals(classDayId)).findFirst();
    }

    /**
     * The CE hours {@code day} earns (one of the series' days, or a make-up day of one of its modules): those approved for
     * its module when it starts ({@link CeHoursApprovals}), which may differ from those the series was scheduled with.
     *
     * @return decimal hours, with the approval they come from (which a CE decision names)
     */
    public com.polaris.kat.enrollment.catalog.ApprovedCeHours ceHours(SeriesClassDay day) {
        return approvals.hoursFor(day);
    }

    /**
     * The series' day of this module.
     *
     * @throws Refusal module-not-in-series (404)
     */
    public SeriesClassDay dayOfModule(String moduleCode) {
        return days.stream().filter(d -> d.moduleCode().equals(moduleCode)).findFirst()
                .orElseThrow(() -> Refusal.notFound("module-not-in-series", "Series " + seriesNumber + " does not run module " + moduleCode + "."));
    }
}
