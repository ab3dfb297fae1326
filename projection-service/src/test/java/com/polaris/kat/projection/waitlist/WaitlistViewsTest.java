package com.polaris.kat.projection.waitlist;

import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.waitlist.WaitlistEvents.SeriesOfferWindowChanged;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistClosed;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistJoined;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistLeft;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferAccepted;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferLapsed;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferMade;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import com.polaris.kat.projection.support.TestEvents;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.polaris.kat.projection.support.TestEvents.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waitlist's views from its events (issue 18): a place and an offer by id (front end), a series'
 * waitlist in line order with offers and outcomes, each person's name and e-mail, and its offer window as last set (registrar), held seats and the waitlist's length in
 * seat availability, and every step in the audit trail with its actor.
 */
class WaitlistViewsTest extends ProjectionServiceTestBase {

    private static final Money PRICE = Money.dollars(2100);

    private WaitlistJoined joined(String place, String clinician, int after, String at) {
        Clinician person = new Clinician("Person " + clinician, clinician + "@example.org", "Psychologist", "LIC-" + clinician, "CA");
        return new WaitlistJoined("series-1851", place, clinician, TestEvents.seal(clinician, place, person), "fp-" + place, after, Instant.parse(at));
    }

    @Test
    void placesOffersAndOutcomesAreReadByIdInLineOrderAndInSeatAvailability() {
        String s = "series-1851";
        append(s, new SeriesScheduled(s, 1851, 1, PRICE, Money.ZERO, List.of(day("M1", "2023-10-10")), "v1"), "registrar");
        append("wr1", TestEvents.placed(s, "wr1", "holder", PRICE), "frontend");
        append(s, joined("p1", "w1", 1, "2023-08-16T10:00:00Z"), "frontend");
        append(s, joined("p2", "w2", 2, "2023-08-16T11:00:00Z"), "frontend");
        append(s, joined("p3", "w3", 3, "2023-08-16T12:00:00Z"), "frontend");
        append(s, new WaitlistOfferMade(s, "wo1", "p1", "w1", "SEAT_RELEASED", Instant.parse("2023-08-20T00:00:00Z"),
                Instant.parse("2023-08-22T00:00:00Z"), 0, 1, 1), "frontend");

        Map<String, Object> availability = get("/api/availability/series/" + s + "?minPosition=" + head());
        assertThat(availability).containsEntry("taken", 1).containsEntry("held", 1).containsEntry("free", 0)
                .containsEntry("soldOut", true).containsEntry("waitlist", 2);
        Map<String, Object> p1 = get("/api/waitlist/places/p1?minPosition=" + head());
        assertThat(p1).containsEntry("status", "OFFERED").containsEntry("position", null);
        assertThat((Map<String, Object>) p1.get("offer")).containsEntry("offerId", "wo1").containsEntry("status", "OPEN")
                .containsEntry("expiresAt", "2023-08-22T00:00:00Z");
        assertThat(get("/api/waitlist/places/p3")).containsEntry("status", "WAITING").containsEntry("position", 2);
        // the first class day moved forward: the open offer's end follows registration's close
        append(s, new com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferEndMoved(s, "wo1", Instant.parse("2023-08-22T00:00:00Z"),
                Instant.parse("2023-08-21T16:00:00Z"), "registration now closes earlier"), "registrar");
        assertThat((Map<String, Object>) get("/api/waitlist/offers/wo1?minPosition=" + head())).containsEntry("expiresAt", "2023-08-21T16:00:00Z");

        append(s, new WaitlistOfferLapsed(s, "wo1", "p1", "w1", "WINDOW_ENDED", Instant.parse("2023-08-22T00:00:00Z"),
                Instant.parse("2023-08-22T00:00:01Z")), "system:waitlist-deadline");
        append(s, new WaitlistOfferMade(s, "wo2", "p2", "w2", "OFFER_LAPSED", Instant.parse("2023-08-22T00:00:01Z"),
                Instant.parse("2023-08-24T00:00:01Z"), 0, 1, 1), "system:waitlist-deadline");
        append(s, new WaitlistOfferAccepted(s, "wo2", "p2", "w2", "wr2", Instant.parse("2023-08-23T00:00:00Z")), "frontend");
        append(s, new WaitlistLeft(s, "p3", "w3", "found another date", Instant.parse("2023-08-23T01:00:00Z")), "frontend");

        assertThat(get("/api/waitlist/offers/wo1?minPosition=" + head())).containsEntry("status", "LAPSED")
                .containsEntry("outcomeReason", "WINDOW_ENDED").containsEntry("cause", "SEAT_RELEASED");
        assertThat(get("/api/waitlist/offers/wo2")).containsEntry("status", "ACCEPTED").containsEntry("registrationId", "wr2");
        Map<String, Object> line = get("/api/waitlist/series/" + s);
        assertThat(line).containsEntry("seriesId", s).containsEntry("totalItems", 3).containsEntry("waiting", 0).containsEntry("held", 0);
        // never changed: the default window, with nobody named
        Map<String, Object> defaultWindow = new java.util.HashMap<>();
        defaultWindow.put("minutes", 2880);
        defaultWindow.put("changedAt", null);
        defaultWindow.put("changedBy", null);
        defaultWindow.put("reason", null);
        assertThat(line).containsEntry("offerWindow", defaultWindow);
        append(s, new SeriesOfferWindowChanged(s, 2880, 1440, "short run-up to the first class day"), "registrar");
        append(s, new SeriesOfferWindowChanged(s, 1440, 720, "shorter still"), "admin");
        Map<String, Object> window = (Map<String, Object>) get("/api/waitlist/series/" + s + "?minPosition=" + head()).get("offerWindow");
        assertThat(window).containsEntry("minutes", 720).containsEntry("changedBy", "admin").containsEntry("reason", "shorter still");
        assertThat(window.get("changedAt")).isNotNull();
        List<Map<String, Object>> items = (List<Map<String, Object>>) line.get("items");
        assertThat(items).extracting(i -> i.get("placeId")).containsExactly("p1", "p2", "p3");
        assertThat(items).extracting(i -> i.get("status")).containsExactly("LAPSED", "ACCEPTED", "LEFT");
        assertThat((List<?>) items.get(0).get("offers")).hasSize(1);
        // the registrar's list names each person (opened from the sealed clinician); a place by id (the front end's) does not
        assertThat(items.get(0)).containsEntry("clinicianId", "w1").containsEntry("fullName", "Person w1").containsEntry("email", "w1@example.org");
        assertThat(items).extracting(i -> i.get("fullName")).containsExactly("Person w1", "Person w2", "Person w3");
        assertThat(get("/api/waitlist/places/p1")).doesNotContainKeys("fullName", "email");

        append(s, new WaitlistClosed(s, 0, Instant.parse("2023-10-10T16:00:00Z"), Instant.parse("2023-10-10T16:00:00Z")), "system:waitlist-deadline");

        // every step is in the audit trail with its actor, findable by the clinician
        Map<String, Object> trail = get("/api/audit/clinicians/w1?minPosition=" + head());
        List<Map<String, Object>> events = (List<Map<String, Object>>) trail.get("items");
        assertThat(events).extracting(e -> e.get("event")).contains("WaitlistJoined", "WaitlistOfferMade", "WaitlistOfferLapsed");
        assertThat(events).filteredOn(e -> "WaitlistOfferLapsed".equals(e.get("event")))
                .extracting(e -> e.get("actor")).containsExactly("system:waitlist-deadline");
        assertThat(http.get().uri("/api/waitlist/places/nope").retrieve().toEntity(Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // ids compared exactly as issued: another case names nothing (docs/decisions.md)
        assertThat(http.get().uri("/api/waitlist/places/P1").retrieve().toEntity(Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.get().uri("/api/waitlist/offers/WO1").retrieve().toEntity(Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.get().uri("/api/waitlist/series/series-99999").retrieve().toEntity(Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
