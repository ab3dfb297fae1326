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
     *                         {@link #earliestClassDayCounted})
     * @param cashPaid        the card payment
     * @param processingFee   that payment's processing fee
     * @param creditPaid      the part of the price paid with credit
     * @param choice          the late choice, or null
     * @throws LateChoiceRequired when the cancellation is late and names no choice
     */
    RefundDecision decide(Instant requestedAt, LocalDate earliestClassDay, Money cashPaid, Money processingFee,
                          Money creditPaid, LateCancellationChoice choice);

    /**
     * The earliest class day a cancellation's cutoff counts from: the series' earliest day as it stands at the request, or,
     * while the series has not started, as it stood when the seat was sold if that is later. The page's "2 weeks in advance"
     * counts from the series' start (product rules), so a start the program postponed gives the later cutoff; a start it
     * brought forward after the sale does not make the cancellation late before the series starts, since the clinician did
     * not ask for the change (a fresh reviewer's finding, 2026-12-06: a registration sold months before its cutoff was
     * refused as late the day after such a move); once the series has started, its actual start governs (another reviewer's
     * finding: the sale's cutoff had fallen weeks after the moved start, so a clinician could attend and still cancel on
     * time). Every policy version counts from this day.
     *
     * @param firstDayNow       the date of the series' earliest class day now
     * @param firstDayStartsNow when that day starts (UTC)
     * @param firstDayAtSale    its date when the seat was sold; null when not recorded (registrations sold before
     *                          2026-12-06): then the day as it stands
     * @param requestedAt       when the cancellation was asked for (UTC)
     * @return the date the cutoff counts from
     */
    static LocalDate earliestClassDayCounted(LocalDate firstDayNow, Instant firstDayStartsNow, LocalDate firstDayAtSale, Instant requestedAt) {
        boolean started = !requestedAt.isBefore(firstDayStartsNow);
        return !started && firstDayAtSale != null && firstDayAtSale.isAfter(firstDayNow) ? firstDayAtSale : firstDayNow;
    }

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
