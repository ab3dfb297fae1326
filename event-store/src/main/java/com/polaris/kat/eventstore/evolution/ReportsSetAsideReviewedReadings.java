package com.polaris.kat.eventstore.evolution;

/**
 * {@code ReportsSetAsideReviewed} from revision 1 to 2: revision 2 names the readings reviewed ({@code readings}); revision 1
 * reviewed every reading outstanding on the day, so the upcast event gains {@code readings} as null ("all of them", as the
 * registration reads it). Nothing else changes.
 */
public final class ReportsSetAsideReviewedReadings extends FieldsAddedAsNull {

    /** The event's stored type name. */
    static final String REVIEWED = "com.polaris.kat.events.attendance.AttendanceEvents$ReportsSetAsideReviewed";

    public ReportsSetAsideReviewedReadings() {
        super(REVIEWED, "1", "2", "readings");
    }
}
