package com.polaris.kat.events.enrollment;

import org.axonframework.serialization.Revision;

import com.polaris.kat.events.money.Money;

import java.time.Instant;

/**
 * Facts of a registration's life. {@link SeatTaken} and {@link SeatReleased} are on the series'
 * stream (what seat capacity needs); {@link ProcessorRefundReferenceTaken} on its reference's
 * stream; every other event here is on the registration's own stream (aggregate id = the registration id).
 */
public final class EnrollmentEvents {
    private EnrollmentEvents() {
    }

    /**
     * Series stream: a seat of the series was taken by this registration. {@code seatsTakenAfter}
     * and {@code capacity} are the count the sale was decided on; {@code requestFingerprint} lets a
     * repeated registration request be recognised (first outcome returned, no second seat).
     */
    @Revision("1")
    public record SeatTaken(String seriesId, String registrationId, String clinicianId, String requestFingerprint,
                            int seatsTakenAfter, int capacity, Instant takenAt) {
    }

    /** Series stream: the registration was cancelled and its seat freed (in the cancellation's own transaction). */
    @Revision("1")
    public record SeatReleased(String seriesId, String registrationId, String clinicianId, int seatsTakenAfter,
                               int capacity, Instant releasedAt) {
    }

    /**
     * Registration stream, first event. A seat was sold: the price due (series price plus the CE option if taken) was covered by credit and payment.
     * Revision 2: the clinician is sealed (encrypted per clinician, {@link SealedClinician}); revision 1 held it in plain
     * text and is read through {@code RegistrationPlacedSealed} (event-store, evolution).
     * Revision 3: {@code firstClassDayAtSale}, the date of the series' earliest class day when the seat was sold: a
     * cancellation's cutoff counts from it when the program has since moved the start earlier, until the series starts, so
     * a reschedule the clinician did not ask for does not make their cancellation late before then (docs/decisions.md, "cutoff"). Revision 2 did not
     * record it; read through {@code RegistrationPlacedFirstClassDay}, it is null ("not recorded") and the cutoff counts
     * from the series' earliest day as it stands, as it did then.
     */
    @Revision("3")
    public record RegistrationPlaced(String seriesId, String registrationId, String clinicianId, SealedClinician clinician,
                                     boolean ceOption, Money seriesPrice, Money ceOptionPrice, Money priceDue,
                                     Payment payment, Money creditApplied, String refundPolicyVersion,
                                     Instant registeredAt, int seatsTakenAfter, int capacity,
                                     String requestFingerprint, java.time.LocalDate firstClassDayAtSale) {
    }

    /**
     * Registration stream: the cancellation and its refund decision (with every input of the policy). The clinician's reason
     * (optional) is {@code sealedReason}, sealed under the contact-details key of the registration's clinician, so an erasure
     * request erases it; null when none was given, or when that key was already shredded (an erased clinician's reason is
     * not kept). {@code reason}: only on events stored before revision 2 (read through {@code RegistrationCancelledSealedReason}),
     * the reason as it was stored then, in plain text; null on every event written since.
     */
    @Revision("2")
    public record RegistrationCancelled(String seriesId, String registrationId, String clinicianId,
                                        RefundDecision decision, String reason, int seatsTakenAfter, SealedText sealedReason) {

        /** Revision 1's shape: the reason in plain text, none sealed (fixtures of events stored then). */
        public RegistrationCancelled(String seriesId, String registrationId, String clinicianId, RefundDecision decision, String reason,
                                     int seatsTakenAfter) {
            this(seriesId, registrationId, clinicianId, decision, reason, seatsTakenAfter, null);
        }
    }

    /**
     * Registration stream: finance recorded that the processor paid the refund of {@code amount} (cents, the refund
     * decided at cancellation) under the processor's refund reference; {@code attempt} numbers this payout attempt of the refund
     * (settled and failed payouts count, 1 for the first); {@code recordedAt} when it was recorded (UTC). Entries are never edited: a later reversal names this
     * one (product rules, "Cancellation, refunds and credit").
     */
    @Revision("1")
    public record RefundPayoutSettled(String seriesId, String registrationId, Money amount,
                                      String processorRefundReference, int attempt, Instant recordedAt) {
    }

    /** A settled payout came back; names the settled payout it reverses (its processor reference and attempt). */
    @Revision("1")
    public record RefundPayoutReversed(String seriesId, String registrationId, Money amount, String reversesProcessorRefundReference,
                                       int reversesAttempt, String reason, Instant recordedAt) {
    }

    /**
     * Reference stream ({@code refund-reference-<SHA-256 of the compared reference, hex>}): a processor's refund reference is
     * taken by the settled payout of one registration's refund, in that payout's transaction, and settles no other refund
     * (a processor refund pays one refund). {@code processorRefundReference} as the payout recorded it; {@code recordedAt}
     * the payout's instant (UTC).
     */
    @Revision("1")
    public record ProcessorRefundReferenceTaken(String referenceStreamId, String processorRefundReference, String seriesId,
                                                String registrationId, Instant recordedAt) {
    }

    /**
     * Registration stream: finance recorded that a payout of the refund of {@code amount} (cents) failed, with the
     * processor's reason; {@code attempt} numbers this payout attempt (as in {@link RefundPayoutSettled}); {@code recordedAt}
     * UTC. The refund stays owed
     * and may be settled by a later attempt.
     */
    @Revision("1")
    public record RefundPayoutFailed(String seriesId, String registrationId, Money amount, String failureReason,
                                     int attempt, Instant recordedAt) {
    }
}
