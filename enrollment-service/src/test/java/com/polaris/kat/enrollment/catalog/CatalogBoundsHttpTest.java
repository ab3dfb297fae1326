package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.enrollment.rules.LiveSessionSize;
import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts in the registrar's commands have an upper bound (rules/LiveSessionSize: the most one live online
 * class day holds, 1,000 by default; the offer window 30 days), refused as 422 naming the field; and settings
 * that can no longer matter are refused once they cannot (capacity and offer window after registration
 * closed, make-up places after the class day started: 409). Nothing is stored for a refusal.
 */
class CatalogBoundsHttpTest extends EnrollmentServiceTestBase {

    private static final AtomicInteger SERIES = new AtomicInteger(2600);
    private static final int MAX = LiveSessionSize.DEFAULT_MAX_PARTICIPANTS;

    private String seriesId;
    private int number;

    @BeforeEach
    void series() {
        clock.set("2023-08-01T00:00:00Z");
        defineProgramModules();
        number = SERIES.incrementAndGet();
        seriesId = "series-" + number;
        assertThat(post("/api/catalog/series", series(number, 30, "2023-10-10")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private static Map<String, Object> series(int number, int capacity, String firstDay) {
        return series(number, capacity, firstDay, "2023-10-20");
    }

    private static Map<String, Object> series(int number, int capacity, String firstDay, String secondDay) {
        return Map.of("seriesNumber", number, "capacity", capacity, "priceCents", 210000, "ceOptionPriceCents", 7500,
                "classDays", List.of(Map.of("module", "M1", "date", firstDay), Map.of("module", "M2", "date", secondDay)));
    }

    /** A series of its own on two days no other series uses (a class day's room is shared by every series on it). */
    private String seriesOnItsOwnDays(int capacity, String firstDay, String secondDay) {
        int own = SERIES.incrementAndGet();
        assertThat(post("/api/catalog/series", series(own, capacity, firstDay, secondDay)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return "series-" + own;
    }

    private static void assertProblem(ResponseEntity<Map> r, HttpStatus status, String type, String field, String detailContains) {
        assertThat(r.getStatusCode()).isEqualTo(status);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:" + type).containsEntry("status", status.value());
        if (field != null) {
            assertThat(r.getBody()).containsEntry("field", field);
        } else {
            assertThat(r.getBody()).doesNotContainKey("field");
        }
        assertThat((String) r.getBody().get("detail")).contains(detailContains);
    }

    /** The ceiling is the setting KAT_MAX_SESSION_PARTICIPANTS feeds (it had been filed under info.*, so the variable reached nothing). */
    @Test
    void theCeilingIsTheSettingTheEnvironmentVariableFeeds(@org.springframework.beans.factory.annotation.Autowired
                                                           org.springframework.core.env.Environment environment,
                                                           @org.springframework.beans.factory.annotation.Autowired LiveSessionSize size) {
        assertThat(environment.getProperty("kat.catalog.max-session-participants")).isEqualTo("1000");
        assertThat(environment.getProperty("info.catalog.max-session-participants")).isNull();
        assertThat(size.maxParticipants()).isEqualTo(1000);
    }

    @Test
    void aNewSeriesHoldsAtMostWhatOneLiveSessionHolds() {
        int other = SERIES.incrementAndGet();
        long before = eventCount();
        assertProblem(post("/api/catalog/series", series(other, Integer.MAX_VALUE, "2029-05-07", "2029-05-08")), HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-capacity", "capacity", "at most " + MAX);
        assertProblem(post("/api/catalog/series", series(other, MAX + 1, "2029-05-07", "2029-05-08")), HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-capacity", "capacity", (MAX + 1) + " was asked");
        assertProblem(post("/api/catalog/series", series(other, 0, "2029-05-07", "2029-05-08")), HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-capacity", "capacity", "at least 1");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(post("/api/catalog/series", series(other, MAX, "2029-05-07", "2029-05-08")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aCapacityChangeIsBoundedAsWell() {
        long before = eventCount();
        assertProblem(put("/api/catalog/series/" + seriesId + "/capacity", Map.of("capacity", Integer.MAX_VALUE, "reason", "bigger room")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-capacity", "capacity", "at most " + MAX);
        assertThat(eventCount()).isEqualTo(before);
        String own = seriesOnItsOwnDays(30, "2029-03-05", "2029-03-06");
        assertThat(put("/api/catalog/series/" + own + "/capacity", Map.of("capacity", MAX, "reason", "bigger room")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(eventTypes(own)).containsExactly("SeriesScheduled", "SeriesCapacityChanged");
        assertThat(eventTypes("M1-2029-03-05")).containsExactly("ClassDayScheduled", "ClassDaySeatsHeld", "ClassDaySeatsHeld");
    }

    @Test
    void makeUpPlacesAreBoundedByOneLiveSession() {
        long before = eventCount();
        assertProblem(put("/api/catalog/class-days/M1-2023-10-10/make-up-places", Map.of("places", Integer.MAX_VALUE)),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-make-up-places", "places", "at most " + MAX);
        assertProblem(put("/api/catalog/class-days/M1-2023-10-10/make-up-places", Map.of("places", -1)),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-make-up-places", "places", "0 or more");
        assertThat(eventCount()).isEqualTo(before);
        seriesOnItsOwnDays(30, "2029-04-02", "2029-04-03");
        assertProblem(put("/api/catalog/class-days/M1-2029-04-02/make-up-places", Map.of("places", MAX - 29)),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-make-up-places", "places", "30 seats, " + (MAX - 29) + " make-up places");
        assertThat(put("/api/catalog/class-days/M1-2029-04-02/make-up-places", Map.of("places", MAX - 30)).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theOfferWindowIsBoundedAndRefusedAs422NamingTheField() {
        long before = eventCount();
        for (int minutes : new int[]{Integer.MAX_VALUE, 43_201, 0, -5}) {
            assertProblem(put("/api/catalog/series/" + seriesId + "/offer-window", Map.of("offerWindowMinutes", minutes, "reason", "x")),
                    HttpStatus.UNPROCESSABLE_ENTITY, "invalid-offer-window", "offerWindowMinutes", minutes + " was asked");
        }
        assertThat(eventCount()).isEqualTo(before);
        assertThat(put("/api/catalog/series/" + seriesId + "/offer-window", Map.of("offerWindowMinutes", 43_200, "reason", "a month"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void capacityAndOfferWindowCannotChangeOnceRegistrationClosed() {
        clock.set("2023-10-10T16:00:00Z"); // 09:00 Pacific: the first class day starts, registration closes
        long before = eventCount();
        assertProblem(put("/api/catalog/series/" + seriesId + "/capacity", Map.of("capacity", 40, "reason", "late demand")),
                HttpStatus.CONFLICT, "registration-closed", null, "its seat capacity only governs registrations");
        assertProblem(put("/api/catalog/series/" + seriesId + "/offer-window", Map.of("offerWindowMinutes", 60, "reason", "late")),
                HttpStatus.CONFLICT, "registration-closed", null, "offer window");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(eventTypes(seriesId)).containsExactly("SeriesScheduled");

        clock.set("2023-10-10T15:59:59Z"); // a second before: still open
        assertThat(put("/api/catalog/series/" + seriesId + "/capacity", Map.of("capacity", 40, "reason", "late demand")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void makeUpPlacesCannotChangeOnceTheClassDayStarted() {
        clock.set("2023-10-20T16:00:00Z"); // M2's day starts; M1's day has ended
        long before = eventCount();
        assertProblem(put("/api/catalog/class-days/M1-2023-10-10/make-up-places", Map.of("places", 3)),
                HttpStatus.CONFLICT, "class-day-started", null, "can no longer change");
        assertProblem(put("/api/catalog/class-days/M2-2023-10-20/make-up-places", Map.of("places", 3)),
                HttpStatus.CONFLICT, "class-day-started", null, "M2-2023-10-20");
        assertThat(eventCount()).isEqualTo(before);
    }
}
