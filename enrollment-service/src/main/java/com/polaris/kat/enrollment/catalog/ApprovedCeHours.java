package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.events.catalog.CeHoursApproval;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The CE hours a class day earns and the approval they come from ({@link ModuleCeApprovals}), as a CE decision records them.
 *
 * @param hours    decimal hours, more than 0, at most 8
 * @param approval the module's change (with its {@code effectiveFrom}) or the hours the series was scheduled with
 */
public record ApprovedCeHours(BigDecimal hours, CeHoursApproval approval) {

    public ApprovedCeHours {
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(approval, "approval");
    }
}
