package com.polaris.kat.events.enrollment;

import com.polaris.kat.events.money.Money;

import java.time.Instant;

/**
 * Everything a cancellation decision was made from, and its outcome: enough to recompute it with
 * nothing else. Amounts in cents.
 *
 * @param policyVersion    the refund policy that governed the seat ("v1")
 * @param rule             which branch applied: ON_TIME_REFUND, LATE_CREDIT or LATE_HALF_REFUND
 * @param requestedAt      when the cancellation was asked for
 * @param earliestClassDayStart the series' first class day the cutoff counts from, 09:00 Pacific: as the series stood at the
 *                         request, or, before the series started, as it stood when the seat was sold if that was later (a start
 *                         the program brought forward after the sale does not make a cancellation late before the start; the registration's
 *                         {@code RegistrationPlaced.firstClassDayAtSale})
 * @param cutoff           09:00 Pacific on the calendar date 14 days before that day
 * @param onTime           requestedAt is at or before the cutoff
 * @param choice           the participant's late choice (null when on time)
 * @param cashPaid         the card payment's amount (the policy applies to this part alone)
 * @param creditPaid       the part paid with credit; always returned as credit
 * @param refundBase       what the fees come off: cashPaid, or half of it (odd cent rounded up); 0 for a late credit
 * @param adminFee         the policy's $25 admin fee, which comes off refundBase (none for a late credit); what is kept of it
 *                         is {@link #adminFeeKept()}
 * @param processingFee    the payment's processing fee (0 for a late credit: no refund), which comes off refundBase after the admin fee; what is kept of it
 *                         is {@link #processingFeeKept()}
 * @param refundAmount     refundBase - adminFee - processingFee, never below zero; paid by the processor
 * @param creditIssued     creditPaid, plus cashPaid when the late choice is credit
 */
public record RefundDecision(String policyVersion, String rule, Instant requestedAt, Instant earliestClassDayStart,
                             Instant cutoff, boolean onTime, LateCancellationChoice choice, Money cashPaid,
                             Money creditPaid, Money refundBase, Money adminFee, Money processingFee,
                             Money refundAmount, Money creditIssued) {

    /**
     * The part of the admin fee kept: the fee, but no more than {@code refundBase} (a registration paid wholly with credit has a
     * base of $0, so nothing is kept). Finance's ledger and the cancellation's answer both show this beside the policy's fee.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Money adminFeeKept() {
        return adminFee.min(refundBase).atLeastZero();
    }

    /** The part of the processing fee kept: the fee, but no more than what {@link #adminFeeKept()} leaves of {@code refundBase}. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Money processingFeeKept() {
        return processingFee.min(refundBase.minus(adminFeeKept())).atLeastZero();
    }
}
