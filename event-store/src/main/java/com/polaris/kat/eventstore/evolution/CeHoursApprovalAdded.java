package com.polaris.kat.eventstore.evolution;

/**
 * The CE decisions gained {@code ceHoursApproval} on 2026-12-06, the approval their hours come from (the module's change
 * and its {@code effectiveFrom}, or the hours the series was scheduled with): {@code ModuleCeCreditEarned} 3 to 4,
 * {@code ModuleCeCreditRevoked} 3 to 4, {@code ModuleCeCreditNotEarned} 1 to 2 and {@code ModuleCeCreditUpheld} 1 to 2. A
 * decision recorded before did not name it, so the upcast event has it null ("not recorded"). Runs after the earlier
 * upcasters of the same events, so their older revisions reach the newest too. Nothing else changes.
 */
public final class CeHoursApprovalAdded extends FieldsAddedAsNull {

    static final String NOT_EARNED = "com.polaris.kat.events.attendance.AttendanceEvents$ModuleCeCreditNotEarned";
    static final String UPHELD = "com.polaris.kat.events.attendance.AttendanceEvents$ModuleCeCreditUpheld";

    private CeHoursApprovalAdded(String type, String from, String to) {
        super(type, from, to, "ceHoursApproval");
    }

    /** For {@code ModuleCeCreditEarned}, revision 3 to 4. */
    public static CeHoursApprovalAdded earned() {
        return new CeHoursApprovalAdded(AttendanceSegmentsUpcaster.EARNED, "3", "4");
    }

    /** For {@code ModuleCeCreditRevoked}, revision 3 to 4. */
    public static CeHoursApprovalAdded revoked() {
        return new CeHoursApprovalAdded(ModuleCeCreditRevokedInputs.REVOKED, "3", "4");
    }

    /** For {@code ModuleCeCreditNotEarned}, revision 1 to 2. */
    public static CeHoursApprovalAdded notEarned() {
        return new CeHoursApprovalAdded(NOT_EARNED, "1", "2");
    }

    /** For {@code ModuleCeCreditUpheld}, revision 1 to 2. */
    public static CeHoursApprovalAdded upheld() {
        return new CeHoursApprovalAdded(UPHELD, "1", "2");
    }
}
