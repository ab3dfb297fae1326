package com.polaris.kat.enrollment.series;

import com.polaris.kat.events.waitlist.WaitlistEvents.SeriesOfferWindowChanged;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistClosed;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistJoined;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistLeft;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferAccepted;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferDeclined;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferLapsed;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferMade;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A series' waitlist as its decisions need it (shared/product-rules "Waitlist"): the places in the
 * order they joined (first come, first served), the offers and which are open (an open offer holds
 * a seat), the offer window and whether the waitlist closed. State only, changed by the series'
 * event sourcing handlers; the rules that decide are in {@link Series}.
 */
final class Waitlist {

    /** The default offer window: 48 hours (product rules), in minutes; the read side shows the same default. */
    static final int DEFAULT_WINDOW_MINUTES = SeriesOfferWindowChanged.DEFAULT_MINUTES;

    /** Place states: WAITING, OFFERED (an offer is open), and the ends ACCEPTED, DECLINED, LAPSED, LEFT, CLOSED; joined when (UTC). */
    /** A place; {@code contactKeyId}: the data key its clinician's contact details were sealed with (the clinician's words are sealed under it). */
    record Place(String placeId, String clinicianId, String requestFingerprint, String status, String offerId, Instant joinedAt,
                 String contactKeyId) {
        boolean active() {
            return status.equals("WAITING") || status.equals("OFFERED");
        }

        Place with(String newStatus, String newOfferId) {
            return new Place(placeId, clinicianId, requestFingerprint, newStatus, newOfferId, joinedAt, contactKeyId);
        }
    }

    /**
     * Offer states: OPEN, ACCEPTED, DECLINED, LAPSED. {@code windowEnd}: when the offer window it was made with ends (UTC), the
     * latest it may run to; {@code expiresAt} is earlier when registration closes first.
     */
    record Offer(String offerId, String placeId, String clinicianId, Instant expiresAt, String status, Instant windowEnd) {
        boolean open() {
            return status.equals("OPEN");
        }

        Offer with(String newStatus) {
            return new Offer(offerId, placeId, clinicianId, expiresAt, newStatus, windowEnd);
        }
    }

    private final Map<String, Place> places = new LinkedHashMap<>();
    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private int windowMinutes = DEFAULT_WINDOW_MINUTES;
    private boolean closed;

    Duration window() {
        return Duration.ofMinutes(windowMinutes);
    }

    int windowMinutes() {
        return windowMinutes;
    }

    boolean closed() {
        return closed;
    }

    boolean everJoined() {
        return !places.isEmpty();
    }

    Optional<Place> place(String placeId) {
        return Optional.ofNullable(places.get(placeId));
    }

    Optional<Offer> offer(String offerId) {
        return Optional.ofNullable(offers.get(offerId));
    }

    /** Seats held by open offers. */
    int held() {
        return (int) offers.values().stream().filter(Offer::open).count();
    }

    /** Places still waiting for an offer. */
    int waiting() {
        return (int) places.values().stream().filter(p -> p.status().equals("WAITING")).count();
    }

    /** The first place in line that has no offer yet. */
    Optional<Place> firstWaiting() {
        return places.values().stream().filter(p -> p.status().equals("WAITING")).findFirst();
    }

    /** The clinician's place that is still on the waitlist (waiting or offered), if any. */
    Optional<Place> activePlaceOf(String clinicianId) {
        return places.values().stream().filter(p -> p.clinicianId().equals(clinicianId) && p.active()).findFirst();
    }

    /** The clinician's open offer, if one holds a seat for them. */
    Optional<Offer> openOfferOf(String clinicianId) {
        return offers.values().stream().filter(o -> o.open() && o.clinicianId().equals(clinicianId)).findFirst();
    }

    Iterable<Offer> openOffers() {
        return offers.values().stream().filter(Offer::open).toList();
    }

    // ---------------------------------------------------------------- state changes (from the series' sourcing handlers)

    void on(SeriesOfferWindowChanged e) {
        windowMinutes = e.toMinutes();
    }

    void on(WaitlistJoined e) {
        places.put(e.placeId(), new Place(e.placeId(), e.clinicianId(), e.requestFingerprint(), "WAITING", null, e.joinedAt(),
                e.clinician() == null ? null : e.clinician().contactKeyId()));
    }

    void on(WaitlistLeft e) {
        places.computeIfPresent(e.placeId(), (k, p) -> p.with("LEFT", p.offerId()));
    }

    void on(WaitlistOfferMade e) {
        // the window as it stood when the offer was made (a later change of the window leaves open offers as they are)
        offers.put(e.offerId(), new Offer(e.offerId(), e.placeId(), e.clinicianId(), e.expiresAt(), "OPEN", e.offeredAt().plus(window())));
        places.computeIfPresent(e.placeId(), (k, p) -> p.with("OFFERED", e.offerId()));
    }

    void on(WaitlistOfferAccepted e) {
        offers.computeIfPresent(e.offerId(), (k, o) -> o.with("ACCEPTED"));
        places.computeIfPresent(e.placeId(), (k, p) -> p.with("ACCEPTED", e.offerId()));
    }

    void on(WaitlistOfferDeclined e) {
        offers.computeIfPresent(e.offerId(), (k, o) -> o.with("DECLINED"));
        places.computeIfPresent(e.placeId(), (k, p) -> p.with("DECLINED", e.offerId()));
    }

    void on(com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferEndMoved e) {
        offers.computeIfPresent(e.offerId(), (k, o) -> new Offer(o.offerId(), o.placeId(), o.clinicianId(), e.toExpiresAt(), o.status(), o.windowEnd()));
    }

    void on(WaitlistOfferLapsed e) {
        offers.computeIfPresent(e.offerId(), (k, o) -> o.with("LAPSED"));
        places.computeIfPresent(e.placeId(), (k, p) -> p.with("LAPSED", e.offerId()));
    }

    void on(WaitlistClosed e) {
        closed = true;
        places.replaceAll((k, p) -> p.status().equals("WAITING") ? p.with("CLOSED", null) : p);
    }
}
