package com.polaris.kat.events.waitlist;

import com.polaris.kat.events.enrollment.SealedClinician;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Facts of a series' waitlist (shared/product-rules "Waitlist"), all on the series' stream, since a
 * held seat counts against its capacity. The actor, correlation id and reason of each are in the
 * event's metadata like every event's; a deadline's events name the actor {@code system:waitlist-deadline}.
 * Clinicians are named by their pseudonymous id (an HMAC of the e-mail address) and, on joining, by
 * their sealed personal data ({@link SealedClinician}), never in plain text.
 */
public final class WaitlistEvents {
    private WaitlistEvents() {
    }

    /** The registrar changed how long an offer of this series holds its seat ({@code offerWindowMinutes}; 2880 = 48 h, the default). */
    @Revision("1")
    public record SeriesOfferWindowChanged(String seriesId, int fromMinutes, int toMinutes, String reason) {

        /** The offer window of a series whose registrar never changed it: 48 hours (product rules), in minutes. */
        public static final int DEFAULT_MINUTES = 48 * 60;
    }

    /**
     * A clinician joined the sold-out series' waitlist, at position {@code waitingAfter} (1 = first).
     * {@code requestFingerprint} lets a repeat of the request be recognised.
     */
    @Revision("1")
    public record WaitlistJoined(String seriesId, String placeId, String clinicianId, SealedClinician clinician,
                                 String requestFingerprint, int waitingAfter, Instant joinedAt) {
    }

    /**
     * The clinician left the waitlist (their open offer, if any, was declined just before). {@code reason}: the service's
     * words when it ended the place (an erasure), or, on events stored before revision 2 (read through
     * {@code WaitlistReasonsSealed}), whatever reason was given, in plain text. {@code sealedReason}: the clinician's own words
     * (optional), sealed under the contact-details key of their place (erased with the contact details); null when none was
     * given or that key was already shredded.
     */
    @Revision("2")
    public record WaitlistLeft(String seriesId, String placeId, String clinicianId, String reason, Instant leftAt,
                               com.polaris.kat.events.enrollment.SealedText sealedReason) {

        /** Revision 1's shape: a plain reason, none sealed (fixtures of events stored then). */
        public WaitlistLeft(String seriesId, String placeId, String clinicianId, String reason, Instant leftAt) {
            this(seriesId, placeId, clinicianId, reason, leftAt, null);
        }
    }

    /**
     * A free seat is held for the first waiting clinician until {@code expiresAt}: the offer window's end
     * or registration's close, whichever is first. {@code cause}: SEAT_RELEASED, CAPACITY_RAISED,
     * OFFER_LAPSED, OFFER_DECLINED, PLACE_LEFT. Counts after the offer: seats taken, seats held, capacity.
     */
    @Revision("1")
    public record WaitlistOfferMade(String seriesId, String offerId, String placeId, String clinicianId, String cause,
                                    Instant offeredAt, Instant expiresAt, int seatsTaken, int seatsHeldAfter, int capacity) {
    }

    /** The offer was accepted: the held seat became the registration's ({@code SeatTaken} just before, same transaction). */
    @Revision("1")
    public record WaitlistOfferAccepted(String seriesId, String offerId, String placeId, String clinicianId,
                                        String registrationId, Instant acceptedAt) {
    }

    /**
     * The clinician declined the offer (or left the waitlist while it was open); the seat passes on. {@code reason}: the
     * service's words ("left the waitlist"), or, on events stored before revision 2, whatever reason was given, in plain
     * text. {@code sealedReason}: the clinician's own words (optional), sealed as in {@link WaitlistLeft}.
     */
    @Revision("2")
    public record WaitlistOfferDeclined(String seriesId, String offerId, String placeId, String clinicianId, String reason,
                                        Instant declinedAt, com.polaris.kat.events.enrollment.SealedText sealedReason) {

        /** Revision 1's shape: a plain reason, none sealed (fixtures of events stored then). */
        public WaitlistOfferDeclined(String seriesId, String offerId, String placeId, String clinicianId, String reason, Instant declinedAt) {
            this(seriesId, offerId, placeId, clinicianId, reason, declinedAt, null);
        }
    }

    /**
     * An open offer's end moves because registration's close moved (the series' first class day was moved): earlier, to
     * the new close, which lapses it then; or later, for an offer the old close had cut short, to the end of the window it
     * was made with or the new close, whichever comes first, and its own window deadline lapses it then. Its end, from and
     * to (UTC), and why.
     */
    @Revision("1")
    public record WaitlistOfferEndMoved(String seriesId, String offerId, Instant fromExpiresAt, Instant toExpiresAt, String reason) {
    }

    /**
     * The offer ended unanswered. {@code cause}: WINDOW_ENDED (the offer window passed) or
     * REGISTRATION_CLOSED (the series' first class day started); {@code expiresAt} when the offer was due to end,
     * {@code lapsedAt} when it lapsed (UTC). After WINDOW_ENDED the seat is offered to the next place in line.
     */
    @Revision("1")
    public record WaitlistOfferLapsed(String seriesId, String offerId, String placeId, String clinicianId, String cause,
                                      Instant expiresAt, Instant lapsedAt) {
    }

    /** Registration closed (the first class day started): the waitlist closed; {@code placesClosed} places were still waiting. */
    @Revision("1")
    public record WaitlistClosed(String seriesId, int placesClosed, Instant closesAt, Instant closedAt) {
    }
}
