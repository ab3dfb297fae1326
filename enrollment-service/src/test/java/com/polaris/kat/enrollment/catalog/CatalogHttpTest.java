package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CatalogHttpTest extends EnrollmentServiceTestBase {

    private static Map<String, Object> series(int number, int capacity, List<Map<String, String>> days) {
        return Map.of("seriesNumber", number, "capacity", capacity, "priceCents", 210000, "ceOptionPriceCents", 7500,
                "classDays", days);
    }

    private static Map<String, String> day(String module, String date) {
        return Map.of("module", module, "date", date);
    }

    private static final List<Map<String, String>> SERIES_19 = List.of(day("M1", "2023-08-13"), day("M2", "2023-09-01"),
            day("M3", "2023-10-02"), day("M4", "2023-11-13"), day("M5", "2023-12-13"), day("PRACTICE", "2023-11-10"));
    private static final List<Map<String, String>> SERIES_20 = List.of(day("M1", "2023-10-10"), day("M2", "2023-11-09"),
            day("PRACTICE", "2023-11-10"), day("M4", "2023-11-13"), day("M5", "2023-12-13"), day("M3", "2023-12-18"));

    @BeforeEach
    void catalog() {
        clock.set("2023-08-01T00:00:00Z");
        defineProgramModules();
    }

    private void scheduleSeries19And20() {
        assertThat(post("/api/catalog/series", series(19, 30, SERIES_19)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/catalog/series", series(20, 30, SERIES_20)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private long events(int seriesNumber) {
        return eventTypes("series-" + seriesNumber).size();
    }

    /** How many events these streams hold (the whole store's count moves with other tests' asynchronous steps). */
    private long eventsOn(String... streams) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ANY (?)", Long.class,
                (Object) streams);
    }

    private void assertProblem(ResponseEntity<Map> r, HttpStatus status, String type, String detailContains) {
        assertThat(r.getStatusCode()).isEqualTo(status);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:" + type).containsEntry("status", status.value());
        assertThat((String) r.getBody().get("detail")).contains(detailContains);
    }

    /**
     * A class day is one live session for every series using it (product rules: its room is their seats plus its
     * make-up places), so together they hold at most 1,000. Found by a fresh reviewer: two 1,000-seat series and
     * 1,000 make-up places on one shared day (3,000) were all accepted.
     */
    @Test
    void aSharedClassDayHoldsAtMostOneLiveSessionAndRefusalsChangeNothing() {
        assertThat(post("/api/catalog/series", series(66, 1000, List.of(day("M1", "2031-06-02"), day("M2", "2031-06-09"))))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long before = eventsOn("series-66", "series-67", "M1-2031-06-02", "M1-2031-06-16", "M2-2031-06-09");
        assertProblem(post("/api/catalog/series", series(67, 1000, List.of(day("M1", "2031-06-16"), day("M2", "2031-06-09")))),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-capacity", "2000 participants in all, more than the 1000");
        assertProblem(put("/api/catalog/class-days/M2-2031-06-09/make-up-places", Map.of("places", 1)),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-make-up-places", "series-66 1000 seats, 1 make-up place: 1001 participants");
        assertThat(eventsOn("series-66", "series-67", "M1-2031-06-02", "M1-2031-06-16", "M2-2031-06-09")).as("nothing appended by the refusals").isEqualTo(before);
        assertThat(put("/api/catalog/series/series-66/capacity", Map.of("capacity", 600, "reason", "share M2")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(post("/api/catalog/series", series(67, 400, List.of(day("M1", "2031-06-16"), day("M2", "2031-06-09")))).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        before = eventsOn("series-66", "series-67", "M1-2031-06-02", "M1-2031-06-16", "M2-2031-06-09");
        assertProblem(put("/api/catalog/series/series-67/capacity", Map.of("capacity", 401, "reason", "demand")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-capacity", "series-66 600 seats, series-67 401 seats");
        assertThat(eventsOn("series-66", "series-67", "M1-2031-06-02", "M1-2031-06-16", "M2-2031-06-09")).isEqualTo(before);
        assertThat(put("/api/catalog/series/series-67/capacity", Map.of("capacity", 300, "reason", "room for make-ups")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(put("/api/catalog/class-days/M2-2031-06-09/make-up-places", Map.of("places", 100)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(eventTypes("M2-2031-06-09")).containsSubsequence("ClassDaySeatsHeld", "ClassDaySeatsHeld", "ClassDaySeatsHeld",
                "ClassDaySeatsHeld", "MakeUpPlacesSet");
    }

    /** Found by a fresh reviewer: moves made two sessions of one module on one date, and a series recorded a moved day's old date. */
    @Test
    void aMovedDayNeitherDoublesItsModuleOnADateNorTakesNewSeriesByItsFormerDate() {
        assertThat(post("/api/catalog/series", series(68, 30, List.of(day("M1", "2031-09-01")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/catalog/series", series(69, 30, List.of(day("M1", "2031-09-08")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long before = eventsOn("series-68", "series-69", "series-70", "M1-2031-09-01", "M1-2031-09-08");
        assertProblem(post("/api/catalog/class-days/M1-2031-09-08/move", Map.of("newDate", "2031-09-01", "reason", "coincide")),
                HttpStatus.CONFLICT, "class-day-exists", "M1-2031-09-01 already runs M1 on 2031-09-01");
        assertThat(eventsOn("series-68", "series-69", "series-70", "M1-2031-09-01", "M1-2031-09-08")).isEqualTo(before);
        assertThat(post("/api/catalog/class-days/M1-2031-09-08/move", Map.of("newDate", "2031-09-09", "reason", "trainer ill")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(20)).until(() -> eventTypes("series-69").contains("SeriesClassDayRescheduled"));
        before = eventsOn("series-68", "series-69", "series-70", "M1-2031-09-01", "M1-2031-09-08");
        assertProblem(post("/api/catalog/series", series(70, 30, List.of(day("M1", "2031-09-08")))),
                HttpStatus.CONFLICT, "class-day-moved", "was moved to 2031-09-09");
        assertThat(eventsOn("series-68", "series-69", "series-70", "M1-2031-09-01", "M1-2031-09-08")).as("the refused series left nothing").isEqualTo(before);
    }

    /**
     * Found by a fresh reviewer: the second of two back-to-back moves of one series' days onto one date passed, because
     * the duplicate-date check read the series' dates before the series had followed the first move.
     */
    @Test
    void backToBackMovesOfOneSeriesDaysOntoOneDateAreRefusedAtTheSecond() {
        assertThat(post("/api/catalog/series", series(71, 30, List.of(day("M1", "2031-11-03"), day("M2", "2031-11-04")))).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/catalog/class-days/M2-2031-11-04/move", Map.of("newDate", "2031-11-10", "reason", "trainer ill")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertProblem(post("/api/catalog/class-days/M1-2031-11-03/move", Map.of("newDate", "2031-11-10", "reason", "room booked")),
                HttpStatus.UNPROCESSABLE_ENTITY, "duplicate-date", "series-71 already runs M2-2031-11-04 on 2031-11-10");
        await().atMost(Duration.ofSeconds(20)).until(() -> eventTypes("series-71").contains("SeriesClassDayRescheduled"));
    }

    @Test
    void schedulingASeriesCreatesOrSharesItsClassDaysBeforeItAnswers() {
        scheduleSeries19And20();

        // no waiting: the days are written in the scheduling's own transaction
        assertThat(eventTypes("series-20")).containsExactly("SeriesScheduled");
        assertThat(eventTypes("M4-2023-11-13")).containsExactly("ClassDayScheduled", "ClassDaySeatsHeld", "ClassDaySharedWithSeries", "ClassDaySeatsHeld");
        assertThat(eventTypes("M1-2023-10-10")).containsExactly("ClassDayScheduled", "ClassDaySeatsHeld");
        String metadata = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = 'series-20'", String.class);
        assertThat(metadata).contains("\"actor\":\"tester\"").contains("\"correlationId\"");
        String dayMetadata = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = 'M1-2023-10-10' AND sequence_number = 0",
                String.class);
        assertThat(dayMetadata).as("the registrar scheduled the day, in the series' request").contains("\"actor\":\"tester\"")
                .contains(metadata.replaceAll(".*(\"correlationId\":\"[^\"]*\").*", "$1"));
        // the registrar's next click, a command on one of the days, right after the 201
        assertThat(put("/api/catalog/class-days/M1-2023-10-10/make-up-places", Map.of("places", 2)).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aDayCannotMoveOntoADateOfAnotherModuleOfItsSeries() {
        assertThat(post("/api/catalog/series", series(45, 30, List.of(day("M1", "2031-10-06"), day("M2", "2031-10-13")))).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        long before = eventCount();
        ResponseEntity<Map> r = post("/api/catalog/class-days/M1-2031-10-06/move", Map.of("newDate", "2031-10-13", "reason", "trainer ill"));
        assertProblem(r, HttpStatus.UNPROCESSABLE_ENTITY, "duplicate-date", "series-45 already runs M2-2031-10-13 on 2031-10-13");
        assertThat(eventTypes("M1-2031-10-06")).containsExactly("ClassDayScheduled", "ClassDaySeatsHeld");
        assertThat(post("/api/catalog/class-days/M1-2031-10-06/move", Map.of("newDate", "2031-10-07", "reason", "trainer ill")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        // the series follows asynchronously (class-day-registry): wait, so no later test sees its event arrive
        await().atMost(Duration.ofSeconds(20)).until(() -> eventTypes("series-45").contains("SeriesClassDayRescheduled"));
    }

    @Test
    void movingASharedClassDayReschedulesEverySeriesThatUsesIt() {
        List<Map<String, String>> shared = List.of(day("M1", "2024-02-05"), day("M4", "2024-03-04"));
        assertThat(post("/api/catalog/series", series(41, 30, shared)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/catalog/series", series(42, 30, shared)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(eventTypes("M4-2024-03-04")).containsExactly("ClassDayScheduled", "ClassDaySeatsHeld", "ClassDaySharedWithSeries", "ClassDaySeatsHeld");

        ResponseEntity<Map> r = post("/api/catalog/class-days/M4-2024-03-04/move", Map.of("newDate", "2024-03-05", "reason", "trainer ill"));
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(eventTypes("series-41")).containsExactly("SeriesScheduled", "SeriesClassDayRescheduled");
            assertThat(eventTypes("series-42")).containsExactly("SeriesScheduled", "SeriesClassDayRescheduled");
        });
        String rescheduled = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = 'series-41' AND sequence_number = 1", String.class);
        assertThat(rescheduled).contains("\"fromDate\":\"2024-03-04\"").contains("\"toDate\":\"2024-03-05\"").contains("trainer ill");
    }

    @Test
    void anUnknownModuleIsA422ProblemAndStoresNothing() {
        assertProblem(post("/api/catalog/series", series(31, 30, List.of(day("M9", "2023-10-10")))),
                HttpStatus.UNPROCESSABLE_ENTITY, "unknown-module", "M9 is not defined");
        assertThat(events(31)).isZero();
    }

    @Test
    void aMalformedDateIsA400ProblemNamingTheField() {
        assertProblem(post("/api/catalog/series", series(32, 30, List.of(day("M1", "2023-13-45")))),
                HttpStatus.BAD_REQUEST, "malformed-request", "YYYY-MM-DD");
        assertThat(events(32)).isZero();
    }

    @Test
    void aCapacityOfZeroIsA422Problem() {
        assertProblem(post("/api/catalog/series", series(33, 0, SERIES_20)), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-capacity", "at least 1");
        assertProblem(post("/api/catalog/series", series(33, -5, SERIES_20)), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-capacity", "at least 1");
        assertThat(events(33)).isZero();
    }

    @Test
    void anExistingSeriesNumberIsA409Problem() {
        List<Map<String, String>> days = List.of(day("M1", "2024-06-03"));
        assertThat(post("/api/catalog/series", series(34, 30, days)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertProblem(post("/api/catalog/series", series(34, 10, days)), HttpStatus.CONFLICT, "series-exists", "already scheduled");
        assertThat(events(34)).isEqualTo(1);
    }

    @Test
    void aNewSeriesWithAClassDayInThePastIsA422Problem() {
        assertProblem(post("/api/catalog/series", series(35, 30, List.of(day("M1", "2023-07-01")))),
                HttpStatus.UNPROCESSABLE_ENTITY, "class-day-in-past", "2023-07-01");
        assertThat(events(35)).isZero();
    }

    @Test
    void anUnknownFieldIsRefusedNotIgnored() {
        Map<String, Object> body = new java.util.HashMap<>(series(36, 30, SERIES_20));
        body.put("seatsTaken", 0);
        assertProblem(post("/api/catalog/series", body), HttpStatus.BAD_REQUEST, "malformed-request", "Unknown field 'seatsTaken'");
        assertThat(events(36)).isZero();
    }

    @Test
    void aMissingFieldIsA400ProblemListingIt() {
        assertProblem(post("/api/catalog/series", Map.of("seriesNumber", 20)), HttpStatus.BAD_REQUEST, "invalid-request", "capacity");
    }

    @Test
    void movingAClassDayThatDoesNotExistIsA404Problem() {
        assertProblem(post("/api/catalog/class-days/M4-2030-01-01/move", Map.of("newDate", "2030-01-02", "reason", "x")),
                HttpStatus.NOT_FOUND, "not-found", "M4-2030-01-01");
    }
}
