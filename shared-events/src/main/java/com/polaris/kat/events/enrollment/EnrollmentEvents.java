package com.polaris.kat.events.enrollment;

import com.polaris.kat.events.money.Money;

import java.time.Instant;

/** Facts of a registration's life, on its series' stream. */
public final class EnrollmentEvents {
    private EnrollmentEvents() {
    }

    /** A seat was sold: the price due (series price plus the CE option if taken) was covered by credit and payment. */
    public record RegistrationPlaced(String seriesId, String registrationId, String clinicianId, Clinician clinician,
                                     boolean ceOption, Money seriesPrice, Money ceOptionPrice, Money priceDue,
                                     Payment payment, Money creditApplied, String refundPolicyVersion,
                                     Instant registeredAt, int seatsTakenAfter, int capacity,
                                     String requestFingerprint) {
    }

    public record RegistrationCancelled(String seriesId, String registrationId, String clinicianId,
                                        RefundDecision decision, String reason, int seatsTakenAfter) {
    }

    public record RefundPayoutSettled(String seriesId, String registrationId, Money amount,
                                      String processorRefundReference, int attempt, Instant recordedAt) {
    }

    /** A settled payout came back; names the settled payout it reverses (its processor reference and attempt). */
    public record RefundPayoutReversed(String seriesId, String registrationId, Money amount, String reversesProcessorRefundReference,
                                       int reversesAttempt, String reason, Instant recordedAt) {
    }

    public record RefundPayoutFailed(String seriesId, String registrationId, Money amount, String failureReason,
                                     int attempt, Instant recordedAt) {
    }
}
