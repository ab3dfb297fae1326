package com.polaris.kat.eventstore.evolution;

/**
 * {@code ParticipantReportImported} from revision 3 to 4: revision 4 counts, in an import of another meeting of the day, the
 * attendees whose times overlapped those recorded and were not added ({@code attendeesNotAdded}). Revision 3 did not, so
 * the upcast event gains {@code attendeesNotAdded: null} ("not recorded"). Nothing else changes. Runs after
 * {@link ParticipantReportAddedToRecorded}, so every earlier revision is read as revision 4.
 */
public final class ParticipantReportNotAdded extends FieldsAddedAsNull {

    public ParticipantReportNotAdded() {
        super(ParticipantReportUnmatchedLines.IMPORTED, "3", "4", "attendeesNotAdded");
    }
}
