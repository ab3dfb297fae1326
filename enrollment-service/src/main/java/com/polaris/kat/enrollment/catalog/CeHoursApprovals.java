package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;

import com.polaris.kat.events.catalog.CeHoursApproval;

/**
 * The CE hours a class day of a module earns: those approved for the module when the day starts (product rules, "The
 * program and its catalog": hours are configurable per module, compliance may approve fewer; a change applies to every
 * day not yet started, in any series, and to make-ups). A day that started before a change keeps the hours approved
 * then. The rule: {@link ModuleCeApprovals}. Production: {@link EventStoreCeHoursApprovals} (the module's own stream);
 * fixture tests pass {@link #AS_SCHEDULED}.
 */
@FunctionalInterface
public interface CeHoursApprovals {

    /** The hours the series recorded when it was scheduled (for tests whose modules' hours never change). */
    CeHoursApprovals AS_SCHEDULED = day -> new ApprovedCeHours(day.ceHours(), CeHoursApproval.asScheduled());

    /**
     * @param day a class day as a series lists it (its module and start, a UTC instant, decide; {@code ceHours}: as its
     *            series was scheduled; a make-up day carries its own start and its series' hours of the module)
     * @return decimal hours, more than 0, at most 8, with the approval they come from
     */
    ApprovedCeHours hoursFor(SeriesClassDay day);
}
