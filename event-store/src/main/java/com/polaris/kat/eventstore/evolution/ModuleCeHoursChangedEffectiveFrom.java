package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged;

/**
 * {@code ModuleCeHoursChanged} from revision 1 to 2: revision 2 names the instant the new hours apply from
 * ({@code effectiveFrom}: class days starting after it earn them, in every series). A revision-1 change meant something
 * else (series scheduled after it carry the new hours in their {@code SeriesScheduled}; series scheduled before keep
 * theirs), which no instant can say, so the upcast event has {@code effectiveFrom} null ("revision 1: applied to series
 * scheduled after it"), and the hours a day earns fall back to those its series was scheduled with
 * ({@code enrollment-service …/catalog/ModuleCeApprovals}). Nothing else of the payload changes.
 */
public final class ModuleCeHoursChangedEffectiveFrom extends FieldsAddedAsNull {

    public ModuleCeHoursChangedEffectiveFrom() {
        super(ModuleCeHoursChanged.class.getName(), "1", "2", "effectiveFrom");
    }
}
