package com.polaris.kat.events.enrollment;

import com.polaris.kat.events.money.Money;

/**
 * A card payment as the payment processor reported it: the amount charged, the processor's charge
 * reference, and the processing fee the processor actually took (this service never computes it).
 */
public record Payment(Money amountPaid, String chargeReference, Money processingFee) {

    public static final Payment NONE = new Payment(Money.ZERO, null, Money.ZERO);
}
