package com.polaris.kat.eventstore.evolution;

/**
 * {@code AttendanceRecorded} and {@code AttendanceCorrected} from revision 4 to 5: revision 5 records the participant report
 * readings whose times make up the segments ({@code reportReadings}, a list of {@code ReportReading}); revision 4 did not,
 * so the upcast event has it null ("not recorded": a report imported again is then not taken as a repeat for that
 * registration, and is applied when its times differ from those recorded). Runs after {@link AttendanceInFullAdded}, so
 * revisions 1 to 3 reach 5 too. Nothing else changes.
 */
public final class AttendanceReportReadingsAdded extends FieldsAddedAsNull {

    private AttendanceReportReadingsAdded(String type) {
        super(type, "4", "5", "reportReadings");
    }

    /** For {@code AttendanceRecorded}. */
    public static AttendanceReportReadingsAdded recorded() {
        return new AttendanceReportReadingsAdded(AttendanceSegmentsUpcaster.RECORDED);
    }

    /** For {@code AttendanceCorrected}. */
    public static AttendanceReportReadingsAdded corrected() {
        return new AttendanceReportReadingsAdded(AttendanceSegmentsUpcaster.CORRECTED);
    }
}
