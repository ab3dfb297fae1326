package com.polaris.kat.eventstore.evolution;

/**
 * {@code SeriesCapacityChanged} from revision 1 to 2: revision 2 records the seats held by open waitlist offers that the
 * capacity check counted beside the seats taken ({@code seatsHeldByOffers}); revision 1 did not, so the upcast event gains
 * it as null ("not recorded": an auditor derives it from the series stream's offer events before it). Nothing else changes.
 */
public final class SeriesCapacityChangedHeldSeats extends FieldsAddedAsNull {

    /** The event's stored type name. */
    static final String CAPACITY_CHANGED = "com.polaris.kat.events.catalog.CatalogEvents$SeriesCapacityChanged";

    public SeriesCapacityChangedHeldSeats() {
        super(CAPACITY_CHANGED, "1", "2", "seatsHeldByOffers");
    }
}
