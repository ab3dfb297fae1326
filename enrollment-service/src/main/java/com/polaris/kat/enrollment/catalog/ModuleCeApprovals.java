package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged;
import com.polaris.kat.events.catalog.CeHoursApproval;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule of the CE hours a class day of a module earns (product rules, "The program and its catalog": hours are
 * configurable per module, compliance may approve fewer; docs/decisions.md): those of the module's last change recorded
 * with an {@code effectiveFrom} before the day starts (a day that starts at the very instant of a change had started:
 * "now" counts as started); with none, the hours the day's series was scheduled with ({@code SeriesScheduled}), which hold
 * every change recorded before its scheduling, revision-1 changes included (those applied to series scheduled after
 * them only, and have no {@code effectiveFrom}). Pure: built from the module's changes in the order its stream holds them.
 *
 * @param changes the module's changes that name an instant ({@code effectiveFrom} not null), in recorded order
 */
public record ModuleCeApprovals(List<ModuleCeHoursChanged> changes) {

    public ModuleCeApprovals {
        changes = List.copyOf(changes);
    }

    /** The approvals of a module's changes, in the order its stream holds them (revision-1 changes are left out). */
    public static ModuleCeApprovals of(List<ModuleCeHoursChanged> recorded) {
        List<ModuleCeHoursChanged> timed = new ArrayList<>();
        for (ModuleCeHoursChanged c : recorded) {
            if (c.effectiveFrom() != null) {
                timed.add(c);
            }
        }
        return new ModuleCeApprovals(timed);
    }

    /**
     * @param dayStartsAt the class day's start, a UTC instant
     * @param asScheduled the hours its series was scheduled with (a make-up: those of its own series' day of the module)
     * @return decimal hours
     */
    public BigDecimal hoursFor(Instant dayStartsAt, BigDecimal asScheduled) {
        return approvedFor(dayStartsAt, asScheduled).hours();
    }

    /**
     * The hours with the approval they come from, which a CE decision names: the change applied and its
     * {@code effectiveFrom}, or the hours the series was scheduled with.
     *
     * @param dayStartsAt the class day's start, a UTC instant
     * @param asScheduled the hours its series was scheduled with (a make-up: those of its own series' day of the module)
     */
    public ApprovedCeHours approvedFor(Instant dayStartsAt, BigDecimal asScheduled) {
        ApprovedCeHours approved = new ApprovedCeHours(asScheduled, CeHoursApproval.asScheduled());
        for (ModuleCeHoursChanged c : changes) {
            if (c.effectiveFrom().isBefore(dayStartsAt)) {
                approved = new ApprovedCeHours(c.toHours(), CeHoursApproval.changedAt(c.effectiveFrom()));
            }
        }
        return approved;
    }
}
