package com.polaris.kat.enrollment.rules;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command side refuses instants, dates and minutes no real class day can have (ClassDayBounds)
 * with a 422 problem and writes nothing; JSON it cannot even parse is a 400 problem, never a 500.
 */
class ClassDayBoundsHttpTest extends EnrollmentServiceTestBase {

    private static final AtomicInteger SERIES = new AtomicInteger(730);
    // M1 on Monday 2024-05-06, 09:00-17:00 PDT = 16:00Z-00:00Z; joined/left may lie in 10:00Z-06:00Z.
    private static final String DAY = "M1-2024-05-06";

    private String seriesId;
    private String registrationId;
    private String attendance;
    private String corrections;

    @BeforeEach
    void aRegistrationOnAClassDayThatHasEnded() {
        clock.set("2024-01-01T00:00:00Z");
        defineProgramModules();
        int n = SERIES.incrementAndGet();
        seriesId = "series-" + n;
        assertThat(post("/api/catalog/series", Map.of("seriesNumber", n, "capacity", 5, "priceCents", 210000, "ceOptionPriceCents", 0,
                "classDays", List.of(Map.of("module", "M1", "date", "2024-05-06"), Map.of("module", "M2", "date", "2024-05-13"))))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<Map> placed = post("/api/series/" + seriesId + "/registrations", Map.of("clinician", Map.of("fullName", "Dr. Test",
                        "email", "bounds-" + n + "@example.org", "profession", "Psychologist", "licenseNumber", "PSY1", "licenseState", "CA"),
                "ceOption", false, "payment", Map.of("amountPaidCents", 210000, "chargeReference", "ch_b" + n, "processingFeeCents", 100)));
        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        registrationId = (String) placed.getBody().get("registrationId");
        String base = "/api/series/" + seriesId + "/registrations/" + registrationId;
        attendance = base + "/attendance";
        corrections = base + "/attendance-corrections";
        // The series holds its seats on both days (in its scheduling's own transaction); wait so event counts stay still.
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN ('M1-2024-05-06', 'M2-2024-05-13')"
                        + " AND payload_type LIKE '%ClassDaySeatsHeld' AND convert_from(payload, 'UTF8') LIKE ?", Long.class, "%\"" + seriesId + "\"%") == 2);
        clock.set("2024-05-07T07:00:00Z"); // after the latest leave time the day takes (17:00 Pacific and 6 hours)
    }

    private static Map<String, Object> times(String joinedAt, String leftAt) {
        return Map.of("classDayId", DAY, "joinedAt", joinedAt, "leftAt", leftAt, "verification", "PLATFORM_LOG");
    }

    private static Map<String, Object> correction(String joinedAt, String leftAt) {
        Map<String, Object> body = new HashMap<>(times(joinedAt, leftAt));
        body.put("reason", "platform log re-read");
        return body;
    }

    private static Map<String, Object> minutes(int minutes) {
        return Map.of("classDayId", DAY, "minutesPresent", minutes, "verification", "STAFF_SIGN_IN", "reason", "sign-in sheet");
    }

    /** A 4xx problem of the given type that wrote no event anywhere. */
    private void assertRefusedWritingNothing(java.util.function.Supplier<ResponseEntity<Map>> request, HttpStatus status, String type) {
        long before = eventCount();
        ResponseEntity<Map> r = request.get();
        assertThat(r.getStatusCode()).isEqualTo(status);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        if (type != null) {
            assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:" + type);
        }
        assertThat(eventCount()).as("rows in domain_event_entry").isEqualTo(before);
    }

    /** Unparseable is 400 malformed-request; parseable but off any class day is 422 (the domain's type); never 5xx; nothing written. */
    private void assertRejectedWritingNothing(String path, String json, String domainType) {
        long before = eventCount();
        ResponseEntity<Map> r = postRaw(path, json);
        assertThat(r.getHeaders().getContentType()).as(json).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Map.of(r.getStatusCode().value(), r.getBody().get("type"))).as(json).isIn(
                Map.of(400, "urn:kat:problem:malformed-request"), Map.of(422, "urn:kat:problem:" + domainType));
        assertThat(eventCount()).as("rows in domain_event_entry").isEqualTo(before);
    }

    private ResponseEntity<Map> postRaw(String path, String json) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).retrieve().toEntity(Map.class);
    }

    @Test
    void aCorrectionLeavingInTheYear300000Is422AndWritesNoEvent() {
        assertThat(post(attendance, times("2024-05-06T16:00:00Z", "2024-05-07T00:00:00Z")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        List<String> stream = eventTypes(registrationId);
        assertRefusedWritingNothing(() -> post(corrections, correction("2024-05-06T16:00:00Z", "+300000-01-01T00:00:00Z")),
                HttpStatus.UNPROCESSABLE_ENTITY, "attendance-outside-class-day");
        assertThat(eventTypes(registrationId)).isEqualTo(stream);
    }

    /**
     * Times are recorded to the second: a fraction of a second could not be shown back in the console's form, and a
     * correction sent unchanged from it moved 17:10:00.5 to 17:10:00 and turned a CE decision over (a fresh reviewer's).
     */
    @Test
    void aTimeWithAFractionOfASecondIs422AtItsFieldAndWritesNothing() {
        assertRefusedWritingNothing(() -> post(attendance, times("2024-05-06T16:10:00.500Z", "2024-05-07T00:00:00Z")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-attendance");
        ResponseEntity<Map> r = post(attendance, times("2024-05-06T16:10:00Z", "2024-05-07T00:00:00.001Z"));
        assertThat(r.getBody()).containsEntry("field", "leftAt");
        assertThat((String) r.getBody().get("detail")).contains("recorded to the second").contains("2024-05-07T00:00:00.001Z");
        assertThat(post(attendance, times("2024-05-06T16:10:00Z", "2024-05-07T00:00:00Z")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertRefusedWritingNothing(() -> post(corrections, correction("2024-05-06T16:10:00.5Z", "2024-05-07T00:00:00Z")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-attendance");
    }

    /**
     * A refusal names the field as the request sent it: a pair at {@code leftAt}, one segment sent in {@code segments} at
     * {@code segments[0].leftAt} (a fresh reviewer's one-segment correction was refused at "leftAt", a field it had not sent).
     */
    @Test
    void aRefusalOfTheOneSegmentSentInSegmentsNamesItThere() {
        Map<String, Object> one = new HashMap<>(Map.of("classDayId", DAY, "verification", "STAFF_SIGN_IN",
                "segments", List.of(Map.of("joinedAt", "2024-05-06T19:00:00Z", "leftAt", "2024-05-06T18:30:00Z"))));
        ResponseEntity<Map> recorded = post(attendance, one);
        assertThat(recorded.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(recorded.getBody()).containsEntry("field", "segments[0].leftAt");
        one.put("segments", List.of(Map.of("joinedAt", "2024-05-06T09:59:59Z", "leftAt", "2024-05-07T00:00:00Z")));
        assertThat(post(attendance, one).getBody()).containsEntry("type", "urn:kat:problem:attendance-outside-class-day")
                .containsEntry("field", "segments[0].joinedAt");
        assertThat(post(attendance, times("2024-05-06T19:00:00Z", "2024-05-06T18:30:00Z")).getBody()).containsEntry("field", "leftAt");
        assertThat(post(attendance, times("2024-05-06T16:00:00Z", "2024-05-07T00:00:00Z")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        one.put("reason", "sign-in sheet");
        one.put("segments", List.of(Map.of("joinedAt", "2024-05-06T19:00:00Z", "leftAt", "2024-05-06T18:30:00Z")));
        long before = eventCount();
        assertThat(post(corrections, one).getBody()).containsEntry("field", "segments[0].leftAt");
        assertThat(eventCount()).as("nothing written").isEqualTo(before);
    }

    /**
     * Attendance is recorded once it has happened (a fresh reviewer's check-in at 10:33 with the day's end as leave time
     * earned the module's hours): a leave time after now, or more minutes than the day has run, is 422 at its field and
     * writes nothing; who is there so far is recorded, and corrected after the day.
     */
    @Test
    void aLeaveTimeOrMinutesNotYetHappenedAreRefusedAtTheirField() {
        clock.set("2024-05-06T18:33:00Z"); // 11:33 PDT, the day under way
        ResponseEntity<Map> ahead = post(attendance, times("2024-05-06T16:00:00Z", "2024-05-07T00:00:00Z"));
        assertThat(ahead.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(ahead.getBody()).containsEntry("type", "urn:kat:problem:invalid-attendance").containsEntry("field", "leftAt");
        assertThat((String) ahead.getBody().get("detail")).contains("later than now (2024-05-06T18:33:00Z)");
        assertRefusedWritingNothing(() -> post(attendance, Map.of("classDayId", DAY, "minutesPresent", 154, "verification", "STAFF_SIGN_IN")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-attendance");
        assertThat(post(attendance, Map.of("classDayId", DAY, "minutesPresent", 153, "verification", "STAFF_SIGN_IN")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertRefusedWritingNothing(() -> post(corrections, correction("2024-05-06T16:00:00Z", "2024-05-06T18:33:01Z")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-attendance");
        assertThat(post(corrections, correction("2024-05-06T16:00:00Z", "2024-05-06T18:33:00Z")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    /** A fresh reviewer's correction before the day was "leftAt is later than now", where a record said class-day-not-started. */
    @Test
    void aCorrectionBeforeTheDayStartsIsClassDayNotStartedAsARecordIs() {
        clock.set("2024-05-06T15:59:59Z"); // 08:59:59 PDT
        assertRefusedWritingNothing(() -> post(attendance, times("2024-05-06T16:00:00Z", "2024-05-07T00:00:00Z")), HttpStatus.CONFLICT,
                "class-day-not-started");
        assertRefusedWritingNothing(() -> post(corrections, correction("2024-05-06T16:00:00Z", "2024-05-07T00:00:00Z")), HttpStatus.CONFLICT,
                "class-day-not-started");
        assertThat((String) post(corrections, correction("2024-05-06T16:00:00Z", "2024-05-07T00:00:00Z")).getBody().get("detail"))
                .isEqualTo("Class day M1-2024-05-06 starts at 2024-05-06T16:00:00Z; attendance can be corrected once it has started.");
    }

    /** A fresh reviewer's correction of a cancelled registration with nothing recorded was told "record it first", which is refused too. */
    @Test
    void aCorrectionOfACancelledRegistrationWithNothingRecordedIsRegistrationCancelled() {
        assertThat(post("/api/series/" + seriesId + "/registrations/" + registrationId + "/cancel", Map.of("choice", "CREDIT", "reason", "moved"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertRefusedWritingNothing(() -> post(attendance, times("2024-05-06T16:00:00Z", "2024-05-07T00:00:00Z")), HttpStatus.CONFLICT,
                "registration-cancelled");
        assertRefusedWritingNothing(() -> post(corrections, correction("2024-05-06T16:00:00Z", "2024-05-07T00:00:00Z")), HttpStatus.CONFLICT,
                "registration-cancelled");
    }

    @Test
    void joinedSixHoursBeforeTheStartIsOnTheDayOneSecondEarlierIsNot() {
        assertRefusedWritingNothing(() -> post(attendance, times("2024-05-06T09:59:59Z", "2024-05-07T00:00:00Z")),
                HttpStatus.UNPROCESSABLE_ENTITY, "attendance-outside-class-day");
        assertThat(post(attendance, times("2024-05-06T10:00:00Z", "2024-05-07T00:00:00Z")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void leftSixHoursAfterTheEndIsOnTheDayOneSecondLaterIsNot() {
        assertThat(post(attendance, times("2024-05-06T16:00:00Z", "2024-05-07T00:00:00Z")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertRefusedWritingNothing(() -> post(corrections, correction("2024-05-06T16:00:00Z", "2024-05-07T06:00:01Z")),
                HttpStatus.UNPROCESSABLE_ENTITY, "attendance-outside-class-day");
        assertThat(post(corrections, correction("2024-05-06T16:00:00Z", "2024-05-07T06:00:00Z")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertRefusedWritingNothing(() -> post(corrections, correction("2024-05-06T16:00:00Z", "2024-05-06T16:00:00Z")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-attendance");
    }

    @Test
    void minutesPresentAreAtMostTheDaysLength() {
        assertThat(post(attendance, Map.of("classDayId", DAY, "minutesPresent", 480, "verification", "STAFF_SIGN_IN")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertRefusedWritingNothing(() -> post(corrections, minutes(481)), HttpStatus.UNPROCESSABLE_ENTITY, "attendance-outside-class-day");
        assertRefusedWritingNothing(() -> post(corrections, minutes(-1)), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-attendance");
        assertThat(post(corrections, minutes(0)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void catalogDatesLieBetween2000And2100() {
        clock.set("2024-01-01T00:00:00Z");
        int n = SERIES.incrementAndGet();
        for (String date : List.of("+300000-01-01", "2101-01-01", "+999999999-12-31")) {
            assertRefusedWritingNothing(() -> post("/api/catalog/series", Map.of("seriesNumber", n, "capacity", 5, "priceCents", 210000,
                    "ceOptionPriceCents", 0, "classDays", List.of(Map.of("module", "M1", "date", date)))), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-date");
            assertRefusedWritingNothing(() -> post("/api/catalog/class-days/M2-2024-05-13/move", Map.of("newDate", date, "reason", "typo")),
                    HttpStatus.UNPROCESSABLE_ENTITY, "invalid-date");
        }
        assertThat(eventTypes("series-" + n)).isEmpty();
        assertThat(eventTypes("M2-2024-05-13")).doesNotContain("ClassDayMoved");
        assertThat(post("/api/catalog/series", Map.of("seriesNumber", n, "capacity", 5, "priceCents", 210000, "ceOptionPriceCents", 0,
                "classDays", List.of(Map.of("module", "M3", "date", "2100-12-31")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void instantsDatesAndNumbersBeyondWhatJavaOrTheDayCanHoldAre400Or422ProblemsNever500() {
        assertThat(post(attendance, times("2024-05-06T16:00:00Z", "2024-05-07T00:00:00Z")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String head = "{\"classDayId\":\"" + DAY + "\",\"verification\":\"PLATFORM_LOG\",\"reason\":\"r\",\"joinedAt\":\"2024-05-06T16:00:00Z\",\"leftAt\":";
        for (String leftAt : List.of("\"+1000000001-01-01T00:00:00Z\"", "\"-1000000001-01-01T00:00:00Z\"", "\"2024-05-06T25:00:00Z\"",
                "\"99999999999999999999999\"", "99999999999999999999999", "1e400", "-1e400", "1e1000000000", "[2024,5,6]", "{}")) {
            assertRejectedWritingNothing(corrections, head + leftAt + "}", "attendance-outside-class-day");
        }
        String minutesHead = "{\"classDayId\":\"" + DAY + "\",\"verification\":\"STAFF_SIGN_IN\",\"reason\":\"r\",\"minutesPresent\":";
        for (String minutes : List.of("1e20", "99999999999", "\"lots\"", "4.5e9")) {
            assertRejectedWritingNothing(corrections, minutesHead + minutes + "}", "attendance-outside-class-day");
        }
        assertThat((String) postRaw("/api/catalog/class-days/M2-2024-05-13/move", "{\"reason\":\"r\",\"newDate\":[1000000000,1,1]}")
                .getBody().get("detail")).startsWith("Field 'newDate' must be a date (YYYY-MM-DD)");
        for (String date : List.of("\"+1000000000-01-01\"", "[1000000000,1,1]", "\"2024-02-30\"", "99999999999999", "\"-999999999-01-01T00:00\"")) {
            assertRejectedWritingNothing("/api/catalog/class-days/M2-2024-05-13/move", "{\"reason\":\"r\",\"newDate\":" + date + "}", "invalid-date");
            assertRejectedWritingNothing("/api/catalog/series", "{\"seriesNumber\":799,\"capacity\":5,\"priceCents\":1,"
                    + "\"ceOptionPriceCents\":0,\"classDays\":[{\"module\":\"M1\",\"date\":" + date + "}]}", "invalid-date");
        }
    }
}
