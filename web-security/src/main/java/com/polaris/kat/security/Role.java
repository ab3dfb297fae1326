package com.polaris.kat.security;

/** Who may do what (shared/product-rules.md, "Who may do what"). */
public enum Role {
    /** The registration front end: register, cancel, transfer credit, seat availability, a registration by its id. */
    FRONT_END,
    /** Attendance staff: attendance, evaluations, corrections, make-ups, rosters. */
    ATTENDANCE,
    /** Finance: the refund ledger, credit balances, payout outcomes. */
    FINANCE,
    /** Compliance: CE transcripts, certificates, audit trails. */
    COMPLIANCE,
    /** Administrators: the catalog, projections. */
    ADMIN
}
