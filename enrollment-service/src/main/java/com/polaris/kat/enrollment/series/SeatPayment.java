package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.money.Money;

/**
 * Whether a seat's payment is acceptable, as a pure function: the processor's amount and fee are
 * given, 0 or more, the fee not above the amount, a charge reference for any amount paid, and
 * payment plus credit exactly the price due (all in cents).
 */
public final class SeatPayment {

    private SeatPayment() {
    }

    /**
     * @param ceOptionPrice the CE option's price when the option is taken, else null (for the message)
     * @throws Refusal invalid-payment, payment-mismatch (422)
     */
    public static void check(Payment p, Money credit, Money due, Money seriesPrice, Money ceOptionPrice) {
        if (p.amountPaid() == null || p.amountPaid().isNegative()) {
            throw Refusal.invalidField("invalid-payment", "payment.amountPaidCents", "The amount paid must be given and be 0 or more.");
        }
        if (p.processingFee() == null || p.processingFee().isNegative()) {
            throw Refusal.invalidField("invalid-payment", "payment.processingFeeCents", "The processing fee must be given and be 0 or more.");
        }
        if (p.processingFee().compareTo(p.amountPaid()) > 0) {
            throw Refusal.invalidField("invalid-payment", "payment.processingFeeCents", "The processing fee cannot exceed the amount paid.");
        }
        if (p.amountPaid().isPositive() && (p.chargeReference() == null || p.chargeReference().isBlank())) {
            throw Refusal.invalidField("invalid-payment", "payment.chargeReference", "Give the payment processor's charge reference for the amount paid.");
        }
        if (!p.amountPaid().plus(credit).equals(due)) {
            throw Refusal.invalidField("payment-mismatch", "payment.amountPaidCents", "The price due is " + due.toPlainString() + " (series "
                    + seriesPrice.toPlainString() + (ceOptionPrice != null ? " + CE option " + ceOptionPrice.toPlainString() : "")
                    + "), but the payment " + p.amountPaid().toPlainString()
                    + (credit.isZero() ? "" : " + credit " + credit.toPlainString()) + " does not match it.");
        }
    }
}
