package com.polaris.kat.events.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the CE hours of a decision come from, so that a CE decision names the approval it applied (product rules, "The
 * program and its catalog": hours are configurable per module and compliance may approve fewer; the rule is
 * enrollment-service's {@code catalog/ModuleCeApprovals}): the module's last change of its hours recorded before the class
 * day started ({@link Basis#MODULE_CHANGE}, {@code effectiveFrom} that change's {@link CatalogEvents.ModuleCeHoursChanged#effectiveFrom},
 * a UTC instant in whole microseconds), or, with none, the hours the day's series was scheduled with
 * ({@link Basis#SERIES_SCHEDULED}, {@code effectiveFrom} null; they hold every change recorded before the series was
 * scheduled). A decision recorded before 2026-12-06 has none (its upcaster: "not recorded"); an auditor derives it from
 * the module's history and the rule.
 *
 * @param basis         which approval applied
 * @param effectiveFrom the change's instant for {@link Basis#MODULE_CHANGE}, null for {@link Basis#SERIES_SCHEDULED}
 */
public record CeHoursApproval(Basis basis, Instant effectiveFrom) {

    /** Which approval a decision's hours come from. */
    public enum Basis {
        /** The module's change of its hours ({@code ModuleCeHoursChanged}) effective from {@code effectiveFrom}. */
        MODULE_CHANGE,
        /** The hours the series was scheduled with ({@code SeriesScheduled}'s class day). */
        SERIES_SCHEDULED
    }

    public CeHoursApproval {
        Objects.requireNonNull(basis, "basis");
        if ((basis == Basis.MODULE_CHANGE) != (effectiveFrom != null)) {
            throw new IllegalArgumentException("effectiveFrom is the instant of a module's change, and only of one: " + basis + ", " + effectiveFrom);
        }
    }

    /** The hours the series was scheduled with. */
    public static CeHoursApproval asScheduled() {
        return new CeHoursApproval(Basis.SERIES_SCHEDULED, null);
    }

    /** The module's change effective from {@code effectiveFrom} (a UTC instant). */
    public static CeHoursApproval changedAt(Instant effectiveFrom) {
        return new CeHoursApproval(Basis.MODULE_CHANGE, Objects.requireNonNull(effectiveFrom, "effectiveFrom"));
    }
}
