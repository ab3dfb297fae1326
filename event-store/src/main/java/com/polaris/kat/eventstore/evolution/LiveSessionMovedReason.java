package com.polaris.kat.eventstore.evolution;

/**
 * {@code LiveSessionMoved} from revision 1 to 2: revision 2 carries the move's {@code reason}; revision 1, written on
 * 2026-12-07 before it did, is read with {@code reason} null (not recorded; the move's own {@code ClassDayMoved}, under the
 * same correlation id, has it). Nothing else changes.
 */
public final class LiveSessionMovedReason extends FieldsAddedAsNull {

    /** {@code LiveSessionMoved} 1 → 2. */
    public LiveSessionMovedReason() {
        super("com.polaris.kat.events.livesession.LiveSessionEvents$LiveSessionMoved", "1", "2", "reason");
    }
}
