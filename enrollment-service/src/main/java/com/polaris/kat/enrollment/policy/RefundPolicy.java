package com.polaris.kat.enrollment.policy;

import com.polaris.kat.events.enrollment.LateCancellationChoice;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.money.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** A versioned refund policy: a pure function of the cancellation's inputs. */
public interface RefundPolicy {

    String version();

    /**
     * @param requestedAt     when the cancellation was asked for
     * @param earliestClassDay the series' first class day the cutoff counts from (its date; the day starts 09:00 Pacific;
     *                         {@code CancellationCutoff.earliestClassDayCounted}, shared-events)
     * @param cashPaid        the card payment
     * @param processingFee   that payment's processing fee
     * @param creditPaid      the part of the price paid with credit
     * @param choice          the late choice, or null
     * @throws LateChoiceRequired when the cancellation is late and names no choice
     */
    RefundDecision decide(Instant requestedAt, LocalDate earliestClassDay, Money cashPaid, Money processingFee,
                          Money creditPaid, LateCancellationChoice choice);

    /** The policies that ever governed a seat, by version: a seat keeps the one in force when it was sold. */
    static RefundPolicy forVersion(String version) {
        RefundPolicy p = Map.<String, RefundPolicy>of(RefundPolicyV1.VERSION, new RefundPolicyV1()).get(version);
        if (p == null) {
            throw new IllegalStateException("no refund policy " + version);
        }
        return p;
    }

    /** Late, and the participant has not said whether they want credit or the half refund. */
    class LateChoiceRequired extends RuntimeException {
        public LateChoiceRequired(String message) {
            super(message);
        }
    }

    /** A choice the policy does not offer at this time (product rules: credit only after the cutoff): 422 choice-not-offered. */
    class ChoiceNotOffered extends RuntimeException {
        public ChoiceNotOffered(String message) {
            super(message);
        }
    }
}
