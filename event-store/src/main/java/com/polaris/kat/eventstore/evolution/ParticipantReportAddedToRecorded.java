package com.polaris.kat.eventstore.evolution;

/**
 * {@code ParticipantReportImported} from revision 2 to 3: revision 3 records whether staff imported the report as another
 * meeting of the day ({@code addedToRecorded}: its times added to those recorded, or, false, a differing report replacing
 * them). Revision 2 did not say, so the upcast event gains {@code addedToRecorded: null} ("not recorded"); each attendee's
 * correction still says it in its reason. Nothing else changes. Runs after {@link ParticipantReportUnmatchedLines}, so a
 * revision 1 event is read as revision 3.
 */
public final class ParticipantReportAddedToRecorded extends FieldsAddedAsNull {

    public ParticipantReportAddedToRecorded() {
        super(ParticipantReportUnmatchedLines.IMPORTED, "2", "3", "addedToRecorded");
    }
}
