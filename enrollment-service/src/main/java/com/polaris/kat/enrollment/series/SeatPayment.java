package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.money.Money;

/**
 * Whether a seat's payment is acceptable, as a pure function: the processor's amount and fee are
 * given, 0 or more, the fee not above the amount, a charge reference for any amount paid and none for nothing paid,
 * and payment plus credit exactly the price due (all in cents).
 */
public final class SeatPayment {

    private SeatPayment() {
    }

    /**
     * @param ceOptionPrice the CE option's price when the option is taken, else null (for the message)
     * @throws Refusal invalid-payment, payment-mismatch (422); payment-mismatch carries {@code priceDueCents},
     *                 {@code creditAppliedCents} and {@code paymentDueCents} (what the card must pay: the price less the
     *                 credit; absent when the credit is more than the price), so a front end reads the amount to charge
     *                 without parsing the message (a fresh reviewer's)
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
        if (p.amountPaid().isPositive() && (com.polaris.kat.security.strict.InvisibleCharacters.blank(p.chargeReference()))) {
            throw Refusal.invalidField("invalid-payment", "payment.chargeReference", "Give the payment processor's charge reference for the amount paid.");
        }
        if (!p.amountPaid().plus(credit).equals(due)) {
            Refusal mismatch = Refusal.invalidField("payment-mismatch", "payment.amountPaidCents", mismatch(p.amountPaid(), credit, due, seriesPrice, ceOptionPrice))
                    .with("priceDueCents", due.cents()).with("creditAppliedCents", credit.cents());
            throw due.minus(credit).isNegative() ? mismatch : mismatch.with("paymentDueCents", due.minus(credit).cents());
        }
        if (p.amountPaid().isZero() && !com.polaris.kat.security.strict.InvisibleCharacters.blank(p.chargeReference())) {
            // nothing charged: a reference would be kept on the registration and found nowhere in the refund ledger, which lists
            // payments by their references (a fresh reviewer's "ch_zero" for a seat that credit paid in full)
            throw Refusal.invalidField("invalid-payment", "payment.chargeReference", "Nothing is to be paid (amountPaidCents 0), so there is no"
                    + " charge to name: leave chargeReference out. Nothing was recorded.");
        }
    }

    /**
     * The payment-mismatch message: the price due and its parts, and the amount the payment must be, which is the
     * price less the credit applied (the remainder a card pays), then the amount given. A finance officer or the front
     * end reads the figure to charge from it, not only that the sum is wrong (a fresh reviewer's finding).
     */
    static String mismatch(Money paid, Money credit, Money due, Money seriesPrice, Money ceOptionPrice) {
        String price = "The price due is " + due.toPlainString() + " (series " + seriesPrice.toPlainString()
                + (ceOptionPrice != null ? " + CE option " + ceOptionPrice.toPlainString() : "") + ")";
        if (credit.isZero()) {
            return price + ", so the payment must be " + due.toPlainString() + ", not " + paid.toPlainString() + ".";
        }
        Money remainder = due.minus(credit);
        if (remainder.isNegative()) {
            return price + "; the credit applied, " + credit.toPlainString() + ", is more than that.";
        }
        return price + "; with credit " + credit.toPlainString() + " applied, the payment must be " + remainder.toPlainString()
                + ", not " + paid.toPlainString() + ".";
    }
}
