package com.polaris.kat.events.waitlist;

import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.Payment;
import org.axonframework.commandhandling.RoutingKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands of a series' waitlist (shared/product-rules "Waitlist"), sent by the registration front end
 * (and the registrar for the offer window). All are addressed to the series: the waitlist lives on the
 * series' stream because a held seat counts against the series' capacity.
 */
public final class WaitlistCommands {
    private WaitlistCommands() {
    }

    /**
     * Joins a sold-out series' waitlist. {@code placeId} is client-chosen or derived from the
     * Idempotency-Key; {@code requestFingerprint} recognises a repeat (first outcome) and refuses the
     * same id with other content.
     */
    public record JoinWaitlist(@TargetAggregateIdentifier String seriesId, String placeId, String clinicianId,
                               Clinician clinician, String requestFingerprint) {
    }

    /**
     * Leaves the waitlist; a held offer is declined with it and passes to the next in line. {@code reason}: the service's
     * words when it ends the place itself (an erasure), stored as given; {@code clinicianReason}: the clinician's own words
     * (from the front end, optional), sealed in the event. Either may be null.
     */
    public record LeaveWaitlist(@TargetAggregateIdentifier String seriesId, String placeId, String reason, String clinicianReason) {
    }

    /**
     * Accepts an offer: a registration like {@code RegisterForSeries} that takes the held seat.
     * {@code useCredit}: the clinician's credit pays first (as a credit transfer), {@code payment} the rest.
     * Routed by the series (the seat is the contested decision; the credit account's conflicts are retried).
     */
    public record AcceptWaitlistOffer(@RoutingKey String seriesId, String offerId, String registrationId, String clinicianId,
                                      Clinician clinician, boolean ceOption, Payment payment, boolean useCredit,
                                      String requestFingerprint) {
    }

    /** Declines an offer; the seat passes to the next in line. {@code clinicianReason}: the clinician's own words (optional), sealed in the event. */
    public record DeclineWaitlistOffer(@TargetAggregateIdentifier String seriesId, String offerId, String clinicianReason) {
    }

    /** The registrar sets how long an offer holds a seat in this series (minutes, 1 to 30 days). */
    public record ChangeSeriesOfferWindow(@TargetAggregateIdentifier String seriesId, int offerWindowMinutes, String reason) {
    }
}
