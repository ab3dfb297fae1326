package com.polaris.kat.eventstore.evolution;

/**
 * {@code AttendanceRecorded} and {@code AttendanceCorrected} from revision 3 to 4: revision 4 records whether the day was
 * attended in full by the CE rule in force ({@code inFull}, an {@code AttendanceInFull}); revision 3 did not, so the upcast
 * event has it null ("not recorded"; the roster then shows the segments without a judgement). Runs after
 * {@link AttendanceSegmentsAsGiven}, so revisions 1 and 2 reach 4 too. Nothing else changes.
 */
public final class AttendanceInFullAdded extends FieldsAddedAsNull {

    private AttendanceInFullAdded(String type) {
        super(type, "3", "4", "inFull");
    }

    /** For {@code AttendanceRecorded}. */
    public static AttendanceInFullAdded recorded() {
        return new AttendanceInFullAdded(AttendanceSegmentsUpcaster.RECORDED);
    }

    /** For {@code AttendanceCorrected}. */
    public static AttendanceInFullAdded corrected() {
        return new AttendanceInFullAdded(AttendanceSegmentsUpcaster.CORRECTED);
    }
}
