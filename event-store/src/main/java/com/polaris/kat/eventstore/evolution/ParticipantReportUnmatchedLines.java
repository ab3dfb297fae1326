package com.polaris.kat.eventstore.evolution;

/**
 * {@code ParticipantReportImported} from revision 1 to 2: revision 2 records the line numbers of the
 * rows the import left unmatched (the only rows staff may set aside); revision 1 kept only their
 * count, so the upcast event gains {@code unmatchedLines: null} ("not recorded"), and the class day
 * then takes any line for that report, as it did when the event was written. Nothing else changes.
 */
public final class ParticipantReportUnmatchedLines extends FieldsAddedAsNull {

    static final String IMPORTED = "com.polaris.kat.events.attendance.AttendanceEvents$ParticipantReportImported";

    public ParticipantReportUnmatchedLines() {
        super(IMPORTED, "1", "2", "unmatchedLines");
    }
}
