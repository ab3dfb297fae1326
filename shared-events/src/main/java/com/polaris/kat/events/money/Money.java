package com.polaris.kat.events.money;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/**
 * US dollars held exactly in cents. Serialized as {@code {"cents": 210000}} so that a stored event
 * can never be misread as dollars.
 */
public record Money(long cents) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    /**
     * The largest amount one request may carry, in cents ($1,000,000.00; the training costs $2,100).
     * Bounding every amount that enters makes every sum the service computes (price + CE option,
     * payment + credit, a ledger's totals over any period) safe inside a {@code long}: a price of
     * 9,223,372,036,854,775,807 cents had been accepted and overflowed (issue 14).
     */
    public static final long MAX_REQUEST_CENTS = 100_000_000L;

    @JsonCreator
    public Money(@JsonProperty("cents") long cents) {
        this.cents = cents;
    }

    public static Money ofCents(long cents) {
        return new Money(cents);
    }

    public static Money dollars(long dollars) {
        return new Money(Math.multiplyExact(dollars, 100L));
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(cents, other.cents));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(cents, other.cents));
    }

    /** Half of this amount; an odd cent rounds up (in the participant's favour). */
    public Money halfRoundedUp() {
        return new Money(Math.floorDiv(cents + 1, 2));
    }

    public Money atLeastZero() {
        return cents < 0 ? ZERO : this;
    }

    public Money min(Money other) {
        return cents <= other.cents ? this : other;
    }

    @JsonIgnore
    public boolean isNegative() {
        return cents < 0;
    }

    @JsonIgnore
    public boolean isPositive() {
        return cents > 0;
    }

    @JsonIgnore
    public boolean isZero() {
        return cents == 0;
    }

    /** Plain decimal, two places, no currency sign: "2100.00". */
    public String toPlainString() {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    @Override
    public int compareTo(Money o) {
        return Long.compare(cents, o.cents);
    }

    @Override
    public String toString() {
        return "USD " + toPlainString();
    }
}
