package com.polaris.kat.events.enrollment;

import com.polaris.kat.events.time.ProgramTime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The on-time cancellation cutoff of a refund policy version, as a UTC instant: a cancellation at or before it is on time.
 * Version 1 (product rules, "Cancellation, refunds and credit"; the training page's "up to 2 weeks in advance"): 09:00
 * America/Los_Angeles on the calendar date 14 days before the series' earliest class day, counted in local calendar days,
 * so a daylight-saving change in between does not move it by an hour. One rule for both sides: the refund decision
 * (enrollment-service, policy/RefundPolicyV1) and the catalog's view of a series (projection-service), where a buyer
 * sees, before paying, the instant the decision will use.
 */
public final class CancellationCutoff {

    /** Version 1's calendar days before the earliest class day. */
    public static final int V1_DAYS = 14;

    private CancellationCutoff() {
    }

    /** Version 1's cutoff for a series whose earliest class day is {@code earliestClassDay}. */
    public static Instant v1(LocalDate earliestClassDay) {
        return ProgramTime.startOf(earliestClassDay.minusDays(V1_DAYS));
    }

    /**
     * The cutoff under {@code policyVersion} ("v1"); empty for a version this code does not know, or no class day yet.
     */
    public static Optional<Instant> of(String policyVersion, LocalDate earliestClassDay) {
        return "v1".equals(policyVersion) && earliestClassDay != null ? Optional.of(v1(earliestClassDay)) : Optional.empty();
    }
}
