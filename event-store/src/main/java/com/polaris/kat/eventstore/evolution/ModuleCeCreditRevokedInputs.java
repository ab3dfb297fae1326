package com.polaris.kat.eventstore.evolution;

/**
 * {@code ModuleCeCreditRevoked} from revision 1 to 2: revision 2 carries the withdrawal's inputs (the class day's times,
 * the attendance then recorded, the minutes away, the grace, the allowed absence and the rule); revision 1 kept only the
 * reason, so the upcast event has them null ("not recorded"). Nothing else changes.
 */
public final class ModuleCeCreditRevokedInputs extends FieldsAddedAsNull {

    static final String REVOKED = "com.polaris.kat.events.attendance.AttendanceEvents$ModuleCeCreditRevoked";

    public ModuleCeCreditRevokedInputs() {
        super(REVOKED, "1", "2", "dayStartsAt", "dayEndsAt", "joinedAt", "leftAt", "segments", "minutesPresent", "minutesAway",
                "graceMinutes", "allowedAbsenceMinutes", "rule");
    }
}
