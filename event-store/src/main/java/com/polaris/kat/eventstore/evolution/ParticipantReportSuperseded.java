package com.polaris.kat.eventstore.evolution;

/**
 * {@code ParticipantReportImported} from revision 4 to 5: revision 5 counts the attendees the report left as recorded because
 * a record by hand or a later report stands ({@code attendeesSuperseded}) and says whether staff asked that the report stand
 * again ({@code reinstated}). Revision 4 did not, so the upcast event gains both as null ("not recorded"). Nothing else
 * changes. Runs after {@link ParticipantReportNotAdded}, so every earlier revision is read as revision 5.
 */
public final class ParticipantReportSuperseded extends FieldsAddedAsNull {

    public ParticipantReportSuperseded() {
        super(ParticipantReportUnmatchedLines.IMPORTED, "4", "5", "attendeesSuperseded", "reinstated");
    }
}
