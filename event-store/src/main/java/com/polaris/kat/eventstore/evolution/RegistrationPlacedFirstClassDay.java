package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;

/**
 * {@code RegistrationPlaced} from revision 2 to 3: revision 3 records the date of the series' earliest class day when the
 * seat was sold ({@code firstClassDayAtSale}); revision 2 did not, so the upcast event has it null ("not recorded") and
 * a cancellation's cutoff counts from the series' earliest day as it stands, as it did when it was written. Runs after
 * {@link RegistrationPlacedSealed}, so revision 1 reaches 3 too. Nothing else changes.
 */
public final class RegistrationPlacedFirstClassDay extends FieldsAddedAsNull {

    public RegistrationPlacedFirstClassDay() {
        super(RegistrationPlaced.class.getName(), "2", "3", "firstClassDayAtSale");
    }
}
