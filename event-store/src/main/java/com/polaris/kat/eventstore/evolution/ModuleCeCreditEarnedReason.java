package com.polaris.kat.eventstore.evolution;

/**
 * {@code ModuleCeCreditEarned} from revision 2 to 3: revision 3 names the correction's reason when a correction earned the
 * hours ({@code reason}); revision 2 did not, so the upcast event has it null ("not recorded"). Runs after
 * {@link AttendanceSegmentsUpcaster}, so revision 1 reaches 3 too. Nothing else changes.
 */
public final class ModuleCeCreditEarnedReason extends FieldsAddedAsNull {

    public ModuleCeCreditEarnedReason() {
        super(AttendanceSegmentsUpcaster.EARNED, "2", "3", "reason");
    }
}
