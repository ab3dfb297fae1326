package com.polaris.kat.events.enrollment;

import com.polaris.kat.events.money.Money;
import org.axonframework.commandhandling.RoutingKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands of the registration front end and of finance. Registering is addressed to the series
 * (the seat); cancelling and payouts to the registration (its own stream), with the series id checked.
 */
public final class EnrollmentCommands {
    private EnrollmentCommands() {
    }

    /**
     * Takes a seat. {@code creditApplied} is zero on the front end's plain registration; the credit
     * transfer sets it. {@code requestFingerprint} identifies the request's content, so a repeat with
     * the same registration id is recognised, and a different request under the same id refused.
     */
    public record RegisterForSeries(@TargetAggregateIdentifier String seriesId, String registrationId,
                                    String clinicianId, Clinician clinician, boolean ceOption, Payment payment,
                                    Money creditApplied, String requestFingerprint) {
    }

    /** Frees the seat and records the refund decision, in one transaction (series and registration streams). */
    public record CancelRegistration(String seriesId, @TargetAggregateIdentifier String registrationId,
                                     LateCancellationChoice choice, String reason) {
    }

    /** REVERSED: a settled refund came back (returned by the card network); the refund is owed again. */
    public enum PayoutOutcome { SETTLED, FAILED, REVERSED }

    /**
     * Finance records what the processor did with a decided refund.
     *
     * @param payoutsSeen the number of payout outcomes (settled, failed, reversed) the sender saw recorded for this refund
     *                    when it chose this one (e.g. the ledger page the console's form was on), or null: when the refund has
     *                    more by now, the outcome is refused ({@code 409 payout-changed}) rather than recorded on top of one
     *                    its sender did not see (a fresh reviewer's two ledger tabs recorded one failure twice)
     */
    public record RecordRefundPayout(String seriesId, @TargetAggregateIdentifier String registrationId,
                                     PayoutOutcome outcome, String processorRefundReference, String failureReason, Integer payoutsSeen) {

        /** Without {@code payoutsSeen}: recorded whatever was recorded before it. */
        public RecordRefundPayout(String seriesId, String registrationId, PayoutOutcome outcome, String processorRefundReference,
                                  String failureReason) {
            this(seriesId, registrationId, outcome, processorRefundReference, failureReason, null);
        }
    }

    /**
     * Applies the clinician's credit to a new registration; the rest, if any, is the card payment.
     * Routed by the series (Axon Server mode), like a plain registration: the seat is the contested
     * decision; the credit account's conflicts are retried.
     */
    public record TransferCreditToSeries(@RoutingKey String seriesId, String registrationId, String clinicianId,
                                         Clinician clinician, boolean ceOption, Payment payment,
                                         String requestFingerprint) {
    }
}
