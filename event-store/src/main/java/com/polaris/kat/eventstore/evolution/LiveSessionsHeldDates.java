package com.polaris.kat.eventstore.evolution;

/**
 * {@code LiveSessionsHeld} from revision 1 to 2: revision 2 records each class day's date when it was held
 * ({@code classDates}); revision 1, written on 2026-12-06 before dates were held, is read with {@code classDates} null (not
 * recorded): its places count by class day only. Nothing else changes.
 */
public final class LiveSessionsHeldDates extends FieldsAddedAsNull {

    /** {@code LiveSessionsHeld} 1 → 2. */
    public LiveSessionsHeldDates() {
        super("com.polaris.kat.events.livesession.LiveSessionEvents$LiveSessionsHeld", "1", "2", "classDates");
    }
}
