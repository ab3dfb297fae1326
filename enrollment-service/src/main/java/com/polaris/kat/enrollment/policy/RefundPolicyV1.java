package com.polaris.kat.enrollment.policy;

import com.polaris.kat.events.enrollment.LateCancellationChoice;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Policy version 1, from the training page: "Participants need to cancel up to 2 weeks in advance
 * to receive a 100% refund (minus a $25 admin fee and payment processing fee). If cancelled after
 * the 2-weeks-in-advance period they can use the credit for a future training or receive 50%
 * refund (minus a $25 admin fee and payment processing fee)."
 * <ul>
 * <li>Cutoff: 09:00 Pacific on the calendar date 14 days before the earliest class day (local
 *     calendar days, so a daylight-saving change in between does not shift it by an hour).</li>
 * <li>At or before the cutoff: refund = cash paid - $25 - processing fee.</li>
 * <li>After it: credit of the full cash paid (nothing deducted), or refund = half the cash paid
 *     (odd cent rounded up, in the participant's favour) - $25 - processing fee.</li>
 * <li>A refund is never below zero. Credit paid is always returned as credit.</li>
 * </ul>
 */
public final class RefundPolicyV1 implements RefundPolicy {

    public static final String VERSION = "v1";
    public static final Money ADMIN_FEE = Money.dollars(25);

    @Override
    public String version() {
        return VERSION;
    }

    /** ", with the $X paid in credit given back as credit", or nothing when no credit paid for the seat. */
    private static String creditBack(Money creditPaid) {
        return creditPaid.isPositive() ? ", with the $" + creditPaid.toPlainString() + " paid in credit given back as credit" : "";
    }

    /**
     * The cancellation cutoff: 09:00 America/Los_Angeles on the calendar date 14 days before the series' earliest class
     * day, as a UTC instant (product rules, "Cancellation, refunds and credit": counted in local calendar days, so a
     * daylight-saving change in between does not move it by an hour). A cancellation at or before it is on time. The rule
     * is shared-events' {@code CancellationCutoff}, which the catalog's view of a series shows too.
     */
    public static Instant cutoff(LocalDate earliestClassDay) {
        return com.polaris.kat.events.enrollment.CancellationCutoff.v1(earliestClassDay);
    }

    @Override
    public RefundDecision decide(Instant requestedAt, LocalDate earliestClassDay, Money cashPaid, Money processingFee,
                                 Money creditPaid, LateCancellationChoice choice) {
        Instant cutoff = cutoff(earliestClassDay);
        Instant firstDay = ProgramTime.startOf(earliestClassDay);
        boolean onTime = !requestedAt.isAfter(cutoff);
        if (onTime && choice == LateCancellationChoice.CREDIT) {
            Money refund = cashPaid.minus(ADMIN_FEE).minus(processingFee).atLeastZero();
            throw new ChoiceNotOffered("Cancelled on time (at or before the cutoff, " + cutoff + ", two weeks before the first class day), "
                    + "the rule is a refund of what was paid in cash minus the $25 admin fee and the processing fee: $" + refund.toPlainString()
                    + " of the $" + cashPaid.toPlainString() + " paid in cash" + creditBack(creditPaid) + "; credit is offered "
                    + "only after the cutoff. Send no choice (or \"REFUND\") to cancel with that refund.");
        }
        if (onTime) {
            Money refund = cashPaid.minus(ADMIN_FEE).minus(processingFee).atLeastZero();
            return new RefundDecision(VERSION, "ON_TIME_REFUND", requestedAt, firstDay, cutoff, true, null, cashPaid,
                    creditPaid, cashPaid, ADMIN_FEE, processingFee, refund, creditPaid);
        }
        if (choice == null) {
            Money refund = cashPaid.halfRoundedUp().minus(ADMIN_FEE).minus(processingFee).atLeastZero();
            // the figures of this registration: a seat paid wholly with credit gets no cash either way (a fresh reviewer was told
            // "50% of the amount paid" for a seat paid with 2,100.00 of credit, whose REFUND gave 0.00 and the credit back)
            throw new LateChoiceRequired("The cutoff (" + cutoff + ", two weeks before the first class day) has passed. "
                    + "Choose \"CREDIT\" for credit of everything paid ($" + creditPaid.plus(cashPaid).toPlainString()
                    + ") towards a future training, or \"REFUND\" for a cash refund of 50% of what was paid in cash minus the $25 admin "
                    + "fee and the processing fee ($" + refund.toPlainString() + " of the $" + cashPaid.toPlainString() + " paid in cash)"
                    + creditBack(creditPaid) + ".");
        }
        if (choice == LateCancellationChoice.CREDIT) {
            return new RefundDecision(VERSION, "LATE_CREDIT", requestedAt, firstDay, cutoff, false, choice, cashPaid,
                    creditPaid, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, creditPaid.plus(cashPaid));
        }
        Money half = cashPaid.halfRoundedUp();
        Money refund = half.minus(ADMIN_FEE).minus(processingFee).atLeastZero();
        return new RefundDecision(VERSION, "LATE_HALF_REFUND", requestedAt, firstDay, cutoff, false, choice, cashPaid,
                creditPaid, half, ADMIN_FEE, processingFee, refund, creditPaid);
    }
}
