package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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

    private ResponseEntity<Map> move(String classDayId, String newDate) {
        return post("/api/catalog/class-days/" + classDayId + "/move", Map.of("newDate", newDate, "reason", "room booked"));
    }

    /** The class day ids a series' scheduling recorded, in its listed order. */
    private List<String> dayIdsOf(int seriesNumber) {
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type LIKE '%SeriesScheduled'", String.class, "series-" + seriesNumber);
        return java.util.regex.Pattern.compile("\"classDayId\":\"([^\"]+)\"").matcher(payload).results().map(m -> m.group(1)).toList();
    }

    /** The series has followed this many moves of its days, each in the move's own transaction (classday/ClassDayMoves). */
    private void assertReschedules(int seriesNumber, long moves) {
        assertThat(eventTypes("series-" + seriesNumber).stream().filter("SeriesClassDayRescheduled"::equals).count())
                .as("series-" + seriesNumber + " rescheduled when the move answered").isEqualTo(moves);
    }

    /** Found by fresh reviewers: moves made two sessions of one module on one date (1,910 people), and a series recorded a moved day's old date. */
    @Test
    void aMovedDayNeitherDoublesItsModuleOnADateNorTakesNewSeriesByItsFormerDate() {
        assertThat(post("/api/catalog/series", series(68, 30, List.of(day("M1", "2031-09-01")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/catalog/series", series(69, 30, List.of(day("M1", "2031-09-08")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long before = eventsOn("series-68", "series-69", "M1-2031-09-01", "M1-2031-09-08", "M1@2031-09-01", "M1@2031-09-08");
        assertProblem(move("M1-2031-09-08", "2031-09-01"), HttpStatus.CONFLICT, "class-day-exists", "M1-2031-09-01 already runs M1 on 2031-09-01");
        assertThat(eventsOn("series-68", "series-69", "M1-2031-09-01", "M1-2031-09-08", "M1@2031-09-01", "M1@2031-09-08")).isEqualTo(before);
        assertThat(move("M1-2031-09-08", "2031-09-09").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertReschedules(69, 1);
        // the date the day left is free: a new series listing it gets a new day there, which keeps the moved day's id out of it
        assertThat(post("/api/catalog/series", series(70, 30, List.of(day("M1", "2031-09-08")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(dayIdsOf(70)).containsExactly("M1-2031-09-08-2");
        assertThat(eventTypes("M1-2031-09-08-2")).containsExactly("ClassDayScheduled", "ClassDaySeatsHeld");
        assertThat(eventTypes("M1-2031-09-08")).as("the moved day took no new series").doesNotContain("ClassDaySharedWithSeries");
        assertThat(eventTypes("M1@2031-09-08")).containsExactly("ClassDaySlotTaken", "ClassDaySlotTaken");
    }

    /**
     * Found by a third fresh reviewer: class days were found by their id, which names the date they were first scheduled on,
     * so a new series listing a module on the date a day had moved to created a second day there (two sessions of 1,000).
     */
    @Test
    void aNewSeriesListingTheDateADayMovedToSharesThatDayAndItsRoom() {
        assertThat(post("/api/catalog/series", series(520, 30, List.of(day("M2", "2032-01-05")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(move("M2-2032-01-05", "2032-01-12").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertReschedules(520, 1);
        long before = eventsOn("series-521", "M2-2032-01-05", "M2-2032-01-12", "M2@2032-01-12");
        assertProblem(post("/api/catalog/series", series(521, 980, List.of(day("M2", "2032-01-12")))), HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-capacity", "series-520");
        assertThat(eventsOn("series-521", "M2-2032-01-05", "M2-2032-01-12", "M2@2032-01-12")).as("the refusal left nothing").isEqualTo(before);
        assertThat(post("/api/catalog/series", series(521, 30, List.of(day("M2", "2032-01-12")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(dayIdsOf(521)).containsExactly("M2-2032-01-05");
        assertThat(eventTypes("M2-2032-01-12")).as("no second M2 day on 2032-01-12").isEmpty();
        assertThat(eventTypes("M2-2032-01-05")).containsSubsequence("ClassDayMoved", "ClassDaySharedWithSeries", "ClassDaySeatsHeld");
    }

    /**
     * Found by a third fresh reviewer: chains of moves (Y away, X onto Y's date, Y back) made two sessions, and after two days
     * traded dates a moved day took no new series. Each date's day is the one its (module, date) slot records.
     */
    @Test
    void chainsOfMovesKeepOneSessionOfAModuleADayAndNewSeriesJoinTheDayRunningThere() {
        assertThat(post("/api/catalog/series", series(524, 30, List.of(day("M3", "2032-02-02")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/catalog/series", series(525, 30, List.of(day("M3", "2032-02-09")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(move("M3-2032-02-09", "2032-02-16").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(move("M3-2032-02-02", "2032-02-09").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(move("M3-2032-02-09", "2032-02-09"), HttpStatus.CONFLICT, "class-day-exists", "M3-2032-02-02 already runs M3 on 2032-02-09");
        assertThat(move("M3-2032-02-09", "2032-02-02").getStatusCode()).as("the two days have traded dates").isEqualTo(HttpStatus.OK);
        assertReschedules(524, 1);
        assertReschedules(525, 2);
        assertThat(post("/api/catalog/series", series(526, 30, List.of(day("M3", "2032-02-02")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/catalog/series", series(527, 30, List.of(day("M3", "2032-02-09")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/catalog/series", series(528, 30, List.of(day("M3", "2032-02-16")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(dayIdsOf(526)).containsExactly("M3-2032-02-09");
        assertThat(dayIdsOf(527)).containsExactly("M3-2032-02-02");
        assertThat(dayIdsOf(528)).as("the day that passed through 02-16 left it").containsExactly("M3-2032-02-16");
    }

    /** Moves and a scheduling racing for one (module, date): one session of the module there, whatever the order. */
    @Test
    void racingMovesAndASchedulingOntoOneDateLeaveOneSessionOfTheModuleThere() throws Exception {
        for (int round = 0; round < 3; round++) {
            String p = "2032-03-0" + (1 + round), q = "2032-03-1" + (1 + round), target = "2032-03-2" + (1 + round);
            int first = 530 + 3 * round;
            assertThat(post("/api/catalog/series", series(first, 30, List.of(day("M4", p)))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
            assertThat(post("/api/catalog/series", series(first + 1, 30, List.of(day("M4", q)))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            List<java.util.concurrent.Callable<ResponseEntity<Map>>> racers = List.of(
                    () -> { start.await(); return move("M4-" + p, target); },
                    () -> { start.await(); return move("M4-" + q, target); },
                    () -> { start.await(); return post("/api/catalog/series", series(first + 2, 30, List.of(day("M4", target)))); });
            List<java.util.concurrent.Future<ResponseEntity<Map>>> answers = racers.stream().map(pool::submit).toList();
            start.countDown();
            List<HttpStatus> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<ResponseEntity<Map>> a : answers) {
                statuses.add(HttpStatus.valueOf(a.get(30, java.util.concurrent.TimeUnit.SECONDS).getStatusCode().value()));
            }
            pool.shutdown();
            assertThat(statuses.subList(0, 2)).as("round %d: moves", round).allMatch(st -> st == HttpStatus.OK || st == HttpStatus.CONFLICT)
                    .filteredOn(HttpStatus.OK::equals).hasSizeLessThanOrEqualTo(1);
            assertThat(statuses.get(2)).as("round %d: the scheduling joins or creates the day there", round).isEqualTo(HttpStatus.CREATED);
            List<String> onTarget = java.util.stream.Stream.of("M4-" + p, "M4-" + q, "M4-" + target)
                    .filter(id -> dates.currentDate(id).map(java.time.LocalDate.parse(target)::equals).orElse(false)).toList();
            assertThat(onTarget).as("round %d: the M4 days on %s (%s)", round, target, statuses).hasSize(1);
            assertThat(dayIdsOf(first + 2)).as("round %d: the new series is on the day that runs there", round).isEqualTo(onTarget);
            assertReschedules(first, statuses.get(0) == HttpStatus.OK ? 1 : 0);
            assertReschedules(first + 1, statuses.get(1) == HttpStatus.OK ? 1 : 0);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    private com.polaris.kat.enrollment.classday.ClassDayDates dates;

    /**
     * Found by a fourth fresh reviewer (5 of 8 rounds): two days of one series moved onto one date at the same moment were both
     * accepted, and the series ran two modules that day. Each move takes the series' slot of the date.
     */
    @Test
    void twoDaysOfOneSeriesMovedOntoOneDateAtOnceAreNotBothAccepted() throws Exception {
        for (int round = 0; round < 5; round++) {
            int number = 550 + round;
            String m1 = "2032-05-0" + (1 + round), m2 = "2032-05-1" + (1 + round), target = "2032-05-2" + (1 + round);
            assertThat(post("/api/catalog/series", series(number, 30, List.of(day("M1", m1), day("M2", m2)))).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            java.util.concurrent.Future<ResponseEntity<Map>> first = pool.submit(() -> { start.await(); return move("M1-" + m1, target); });
            java.util.concurrent.Future<ResponseEntity<Map>> second = pool.submit(() -> { start.await(); return move("M2-" + m2, target); });
            start.countDown();
            List<ResponseEntity<Map>> answers = List.of(first.get(30, java.util.concurrent.TimeUnit.SECONDS), second.get(30, java.util.concurrent.TimeUnit.SECONDS));
            pool.shutdown();
            assertThat(answers.stream().filter(r -> r.getStatusCode() == HttpStatus.OK)).as("round %d", round).hasSize(1);
            ResponseEntity<Map> refused = answers.stream().filter(r -> r.getStatusCode() != HttpStatus.OK).findFirst().orElseThrow();
            assertProblem(refused, HttpStatus.UNPROCESSABLE_ENTITY, "duplicate-date", "Series " + number + " already runs");
            assertReschedules(number, 1);
            assertThat(java.util.stream.Stream.of("M1-" + m1, "M2-" + m2).map(dates::currentDate).map(java.util.Optional::orElseThrow).distinct())
                    .as("round %d: the series' two days run on two dates", round).hasSize(2);
        }
    }


    @org.springframework.beans.factory.annotation.Autowired
    private org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    /** A store written before slots existed: its days have no slot; they are found by their first id while they run on its date. */
    @Test
    void daysFromBeforeSlotsExistedAreSharedWhileTheyRunOnTheirFirstDateAndNeverDoubled() {
        java.time.LocalDate apr5 = java.time.LocalDate.parse("2032-04-05"), apr12 = java.time.LocalDate.parse("2032-04-12");
        java.time.LocalDate apr13 = java.time.LocalDate.parse("2032-04-13");
        assertThat(post("/api/catalog/series", series(540, 30, List.of(day("M2", "2032-03-29")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        // as the code before slots wrote them: two M5 days used by series 540, the second moved from 04-12 to 04-13
        append("M5-2032-04-05", 0, new com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled("M5-2032-04-05", "M5", apr5,
                com.polaris.kat.events.time.ProgramTime.startOf(apr5), com.polaris.kat.events.time.ProgramTime.endOf(apr5), "series-540"));
        append("M5-2032-04-12", 0, new com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled("M5-2032-04-12", "M5", apr12,
                com.polaris.kat.events.time.ProgramTime.startOf(apr12), com.polaris.kat.events.time.ProgramTime.endOf(apr12), "series-540"));
        append("M5-2032-04-12", 1, new com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved("M5-2032-04-12", "M5", apr12, apr13,
                com.polaris.kat.events.time.ProgramTime.startOf(apr13), com.polaris.kat.events.time.ProgramTime.endOf(apr13), List.of(), "room booked"));

        assertThat(post("/api/catalog/series", series(541, 30, List.of(day("M5", "2032-04-05")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/catalog/series", series(542, 30, List.of(day("M5", "2032-04-12")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(dayIdsOf(541)).as("the old day still on its first date is shared").containsExactly("M5-2032-04-05");
        assertThat(dayIdsOf(542)).as("the old day moved away keeps its id; the new day takes the next").containsExactly("M5-2032-04-12-2");
        assertThat(eventTypes("M5-2032-04-12")).containsExactly("ClassDayScheduled", "ClassDayMoved");
    }

    private void append(String stream, long sequence, Object payload) {
        eventStore.publish(new org.axonframework.eventhandling.GenericDomainEventMessage<>("ClassDay", stream, sequence, payload));
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
                HttpStatus.UNPROCESSABLE_ENTITY, "duplicate-date", "Series 71 already runs M2-2031-11-04 on 2031-11-10");
        assertThat(eventTypes("series-71")).filteredOn("SeriesClassDayRescheduled"::equals).hasSize(1);
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
        assertProblem(r, HttpStatus.UNPROCESSABLE_ENTITY, "duplicate-date", "Series 45 already runs M2-2031-10-13 on 2031-10-13");
        assertThat(eventTypes("M1-2031-10-06")).containsExactly("ClassDayScheduled", "ClassDaySeatsHeld");
        assertThat(post("/api/catalog/class-days/M1-2031-10-06/move", Map.of("newDate", "2031-10-07", "reason", "trainer ill")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        // the series follows in the move's own transaction
        assertThat(eventTypes("series-45")).contains("SeriesClassDayRescheduled");
    }

    @Test
    void movingASharedClassDayReschedulesEverySeriesThatUsesIt() {
        List<Map<String, String>> shared = List.of(day("M1", "2024-02-05"), day("M4", "2024-03-04"));
        assertThat(post("/api/catalog/series", series(41, 30, shared)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/catalog/series", series(42, 30, shared)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(eventTypes("M4-2024-03-04")).containsExactly("ClassDayScheduled", "ClassDaySeatsHeld", "ClassDaySharedWithSeries", "ClassDaySeatsHeld");

        ResponseEntity<Map> r = post("/api/catalog/class-days/M4-2024-03-04/move", Map.of("newDate", "2024-03-05", "reason", "trainer ill"));
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        // both series follow in the move's own transaction: their reschedules are there when the move answers
        assertThat(eventTypes("series-41")).containsExactly("SeriesScheduled", "SeriesClassDayRescheduled");
        assertThat(eventTypes("series-42")).containsExactly("SeriesScheduled", "SeriesClassDayRescheduled");
        String rescheduled = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = 'series-41' AND sequence_number = 1", String.class);
        assertThat(rescheduled).contains("\"fromDate\":\"2024-03-04\"").contains("\"toDate\":\"2024-03-05\"").contains("trainer ill");
    }

    @Test
    void anUnknownModuleIsA422ProblemAndStoresNothing() {
        assertProblem(post("/api/catalog/series", series(31, 30, List.of(day("M9", "2023-10-10")))),
                HttpStatus.UNPROCESSABLE_ENTITY, "unknown-module", "M9 is not defined");
        assertThat(events(31)).isZero();
        // a code longer than any module's (20) is refused at its field, not echoed whole (a fresh reviewer's 60,000 characters)
        ResponseEntity<Map> overlong = post("/api/catalog/series", series(31, 30, List.of(day("M".repeat(60_000), "2023-10-10"))));
        assertThat(overlong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) overlong.getBody().get("detail")).contains("classDays[0].module").contains("60000 given");
        assertThat((String) overlong.getBody().get("detail")).hasSizeLessThan(400);
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

    /**
     * Each broken constraint is named with what it measures (web/FieldMessages): characters, items, a bound. Bean Validation's
     * own words had been "size must be between 0 and 500" and "must be greater than or equal to 0".
     */
    @Test
    @SuppressWarnings("unchecked")
    void fieldLimitsAreStatedInCharactersItemsAndBounds() {
        List<Map<String, String>> thirteen = new java.util.ArrayList<>();
        for (int i = 0; i < 13; i++) {
            thirteen.add(day("M1", "2031-01-" + String.format("%02d", i + 1)));
        }
        Map<String, Object> body = new java.util.HashMap<>(series(37, 30, thirteen));
        body.put("priceCents", -1);
        body.put("ceOptionPriceCents", 100_000_001);
        ResponseEntity<Map> r = post("/api/catalog/series", body);
        // in the body's order, the detail naming them separated by semicolons
        assertThat(r.getBody().get("detail")).isEqualTo("Some fields are missing or malformed: priceCents must be 0 or more; ceOptionPriceCents"
                + " must be at most 100000000; classDays must have at most 12 items (13 given).");
        assertThat((List<Map<String, String>>) r.getBody().get("errors")).containsExactly(
                Map.of("field", "priceCents", "message", "must be 0 or more"),
                Map.of("field", "ceOptionPriceCents", "message", "must be at most 100000000"),
                Map.of("field", "classDays", "message", "must have at most 12 items (13 given)"));
        assertThat(events(37)).isZero();

        ResponseEntity<Map> move = post("/api/catalog/class-days/M1-2023-10-10/move", Map.of("newDate", "2023-10-11", "reason", "r".repeat(501)));
        assertProblem(move, HttpStatus.BAD_REQUEST, "invalid-request", "reason must be at most 500 characters (501 given)");
        assertThat((List<Map<String, String>>) move.getBody().get("errors"))
                .containsExactly(Map.of("field", "reason", "message", "must be at most 500 characters (501 given)"));

    }

    @Test
    void movingAClassDayThatDoesNotExistIsA404Problem() {
        assertProblem(post("/api/catalog/class-days/M4-2030-01-01/move", Map.of("newDate", "2030-01-02", "reason", "x")),
                HttpStatus.NOT_FOUND, "not-found", "M4-2030-01-01");
    }
}
