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
 * @param earliestClassDayStart the series' first class day, 09:00 Pacific
 * @param cutoff           09:00 Pacific on the calendar date 14 days before that day
 * @param onTime           requestedAt is at or before the cutoff
 * @param choice           the participant's late choice (null when on time)
 * @param cashPaid         the card payment's amount (the policy applies to this part alone)
 * @param creditPaid       the part paid with credit; always returned as credit
 * @param refundBase       what the fees come off: cashPaid, or half of it (odd cent rounded up)
 * @param adminFee         the $25 admin fee kept
 * @param processingFee    the payment's processing fee kept
 * @param refundAmount     refundBase - adminFee - processingFee, never below zero; paid by the processor
 * @param creditIssued     creditPaid, plus cashPaid when the late choice is credit
 */
public record RefundDecision(String policyVersion, String rule, Instant requestedAt, Instant earliestClassDayStart,
                             Instant cutoff, boolean onTime, LateCancellationChoice choice, Money cashPaid,
                             Money creditPaid, Money refundBase, Money adminFee, Money processingFee,
                             Money refundAmount, Money creditIssued) {
}
