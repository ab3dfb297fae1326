package com.polaris.kat.eventstore.evolution;

/**
 * {@code AttendanceRecorded} and {@code AttendanceCorrected} from revision 2 to 3: revision 3 keeps the segments as given
 * ({@code segmentsAsGiven}) when overlapping ones were merged (confirmed by staff, or from a participant report);
 * revision 2 did not, so the upcast event has it null ("not recorded"). Runs after {@link AttendanceSegmentsUpcaster}, so
 * revision 1 reaches 3 too. Nothing else changes.
 */
public final class AttendanceSegmentsAsGiven extends FieldsAddedAsNull {

    private AttendanceSegmentsAsGiven(String type) {
        super(type, "2", "3", "segmentsAsGiven");
    }

    /** For {@code AttendanceRecorded}. */
    public static AttendanceSegmentsAsGiven recorded() {
        return new AttendanceSegmentsAsGiven(AttendanceSegmentsUpcaster.RECORDED);
    }

    /** For {@code AttendanceCorrected}. */
    public static AttendanceSegmentsAsGiven corrected() {
        return new AttendanceSegmentsAsGiven(AttendanceSegmentsUpcaster.CORRECTED);
    }
}
