package com.polaris.kat.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's pages as a browser reaches them (local sign-in, CSRF, redirects, status codes), with
 * the services replaced by a fake relay that answers canned views and records the commands sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kat.security.mode=local",
        "kat.console.enrollment-url=http://localhost:9", "kat.console.projection-url=http://localhost:9",
        "kat.security.local-users.admin.password=admin-test-password", "kat.security.local-users.admin.roles=ADMIN",
        "kat.security.local-users.attendance.password=attendance-test-password", "kat.security.local-users.attendance.roles=ATTENDANCE",
        "kat.security.local-users.finance.password=finance-test-password", "kat.security.local-users.finance.roles=FINANCE",
        "kat.security.local-users.compliance.password=compliance-test-password", "kat.security.local-users.compliance.roles=COMPLIANCE"})
class ConsoleRequestsTest {

    @LocalServerPort
    int port;

    @TestBean
    ApiRelay api;

    static FakeRelay fake;

    /** The console's "now": the day after the roster's class day M1-2026-12-05 (its forms are offered once it has started). */
    @TestBean
    java.time.Clock clock;

    static java.time.Clock clock() {
        return java.time.Clock.fixed(java.time.Instant.parse("2026-12-06T20:00:00Z"), java.time.ZoneOffset.UTC);
    }

    static ApiRelay api() {
        fake = new FakeRelay();
        return fake;
    }

    private HttpClient http;

    @BeforeEach
    void freshBrowser() {
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        fake.reset();
    }

    // --- operations screens: participant-report import, waitlist and offer window, minutes-only corrections

    private static final String SHA = "5bd57202c0ffee00112233445566778899aabbccddeeff00112233445566778";

    private void classDayWithReports() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sourceFileSha256", SHA);
        report.put("timeZone", "America/Los_Angeles");
        report.put("rows", 4);
        report.put("attendeesRecorded", 1);
        report.put("attendeesCorrected", 0);
        report.put("attendeesUnchanged", 0);
        report.put("rowsUnmatched", 3);
        report.put("unmatchedLinesOpen", List.of(11, 12));
        report.put("setAside", List.of(Map.of("lines", List.of(13), "reason", "the host's second device", "setAsideBy", "attendance",
                "setAsideAt", "2026-12-06T02:00:00Z")));
        report.put("importedBy", "attendance");
        report.put("importedAt", "2026-12-06T01:50:00Z");
        rosterWithGia(); // the roster names the matched attendee
        Function<String, Map<String, Object>> roster = fake.reads;
        fake.reads = uri -> uri.startsWith("/api/class-days/M1-2026-12-05/participant-reports")
                ? Map.of("items", List.of(report), "page", 0, "size", 10, "totalItems", 1) : roster.apply(uri);
        Map<String, Object> guest = new LinkedHashMap<>();
        guest.put("lines", List.of(11, 12));
        guest.put("name", "Guest Observer");
        guest.put("email", "");
        guest.put("segments", List.of(Map.of("joinedAt", "2026-12-05T17:02:00Z", "leftAt", "2026-12-06T00:30:00Z")));
        guest.put("reason", "no e-mail address (a guest): assign by hand or ignore");
        fake.uploadAnswer = Map.of("classDayId", "M1-2026-12-05", "sourceFileSha256", SHA, "timeZone", "America/Los_Angeles", "rows", 4,
                "importedBefore", false, "attendees", List.of(Map.of("registrationId", "r-gia", "outcome", "RECORDED", "lines", List.of(5, 6),
                        "segments", List.of(Map.of("joinedAt", "2026-12-05T16:58:03Z", "leftAt", "2026-12-05T19:30:15Z"),
                                Map.of("joinedAt", "2026-12-05T19:36:00Z", "leftAt", "2026-12-06T01:00:09Z")))),
                "unmatched", List.of(guest));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anImportOfAnotherMeetingOfTheDayIsListedWithTheAttendeesWhoseTimesWereAdded() throws Exception {
        classDayWithReports();
        Function<String, Map<String, Object>> reads = fake.reads;
        fake.reads = uri -> {
            Map<String, Object> answer = reads.apply(uri);
            if (uri.startsWith("/api/class-days/M1-2026-12-05/participant-reports")) {
                Map<String, Object> report = ((List<Map<String, Object>>) answer.get("items")).get(0);
                report.put("attendeesCorrected", 2);
                report.put("addedToRecorded", true);
            }
            return answer;
        };
        signIn("attendance");
        String page = get("/class-days/M1-2026-12-05/participant-reports").body();
        assertThat(page).contains("1 recorded, 2 with times added (another meeting of the day), 0 unchanged;").doesNotContain("2 corrected");
    }

    @Test
    void aParticipantReportIsRelayedAsCsvInItsTimeZoneAndThePageShowsWhoMatchedAndTheLinesLeftOpen() throws Exception {
        classDayWithReports();
        signIn("attendance");
        String roster = get("/class-days/M1-2026-12-05/roster").body();
        assertThat(section(roster, "id=\"participant-report\"")).contains("enctype=\"multipart/form-data\"");
        assertThat(roster).contains("<label for=\"reportFile\">").contains("<label for=\"reportTimeZone\">").contains("value=\"America/Los_Angeles\"");

        HttpResponse<String> imported = upload("/class-days/M1-2026-12-05/participant-reports", "America/New_York", "zoom.csv", "Name,Email\r\n");
        assertThat(imported.statusCode()).isEqualTo(302);
        assertThat(imported.headers().firstValue("Location").orElseThrow()).endsWith("/class-days/M1-2026-12-05/participant-reports?minPosition=7");
        assertThat(fake.uploads).containsExactly("/api/class-days/M1-2026-12-05/participant-reports {timeZone=America/New_York} text/csv Name,Email\r\n");

        String page = get("/class-days/M1-2026-12-05/participant-reports?minPosition=7").body();
        assertThat(page).contains("Imported zoom.csv: 4 rows, 1 person matched, 1 unmatched");
        assertThat(page).contains("4 rows read in America/Los_Angeles").contains(": 4 rows; ").contains("; 3 unmatched lines.")
                .contains("1 recorded, 0 corrected, 0 unchanged;");
        assertThat(section(page, "id=\"matched\"", 1000)).contains("Gia Away").contains("recorded");
        assertThat(section(page, "id=\"matched\"", 1200)).contains("8:58:03 AM PST – 11:30:15 AM PST").contains("11:36 AM PST – 5:00:09 PM PST"); // the report's seconds shown
        assertThat(section(page, "id=\"unmatched\"", 1000)).contains("Guest Observer").contains("(none)").contains("a guest");
        // the open lines as the answer grouped them; the one set aside with its reason, who and when (Pacific)
        assertThat(section(page, "id=\"lines-" + SHA + "-0\"")).contains("value=\"11,12\"").contains("Lines 11, 12: Guest Observer, no e-mail");
        assertThat(page).contains("Line 13 set aside Sat Dec 5, 2026 6:00 PM PST by attendance: the host&#39;s second device");
        assertThat(fake.readUris).anyMatch(u -> u.startsWith("/api/class-days/M1-2026-12-05/participant-reports?minPosition=7"));
    }

    /**
     * A participant report's name with a right-to-left override (the file is the video platform's; the services refuse such
     * characters only in request text) is shown with U+FFFD in its place: it had reversed the rest of its line (a fresh reviewer).
     */
    @Test
    @SuppressWarnings("unchecked")
    void aBidirectionalControlInAnImportedNameIsShownAsAReplacementCharacter() throws Exception {
        classDayWithReports();
        List<Map<String, Object>> unmatched = new ArrayList<>((List<Map<String, Object>>) fake.uploadAnswer.get("unmatched"));
        Map<String, Object> guest = new LinkedHashMap<>(unmatched.get(0));
        guest.put("name", "Guest \u202eObserver \u2066x\u2069");
        unmatched.set(0, guest);
        Map<String, Object> answer = new LinkedHashMap<>(fake.uploadAnswer);
        answer.put("unmatched", unmatched);
        fake.uploadAnswer = answer;
        signIn("attendance");
        upload("/class-days/M1-2026-12-05/participant-reports", "America/New_York", "zoom.csv", "Name,Email\r\n");
        String page = get("/class-days/M1-2026-12-05/participant-reports?minPosition=7").body();
        assertThat(page).contains("Guest \uFFFDObserver \uFFFDx\uFFFD").doesNotContain("\u202e").doesNotContain("\u2066").doesNotContain("\u2069");
    }

    /**
     * One file imported in the wrong time zone, then in the right one, is two imports (the service corrects the attendance):
     * the older says the file was read again, and only the newer carries the set-aside form, so no id is on the page twice.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aFileReadAgainInAnotherTimeZoneListsBothImportsWithOneSetAsideForm() throws Exception {
        classDayWithReports();
        Function<String, Map<String, Object>> reads = fake.reads;
        Map<String, Object> newer = new LinkedHashMap<>((Map<String, Object>) ((List<?>) reads.apply(
                "/api/class-days/M1-2026-12-05/participant-reports").get("items")).get(0));
        Map<String, Object> older = new LinkedHashMap<>(newer);
        older.put("timeZone", "America/New_York");
        older.put("importedAt", "2026-12-06T01:40:00Z");
        newer.put("attendeesSuperseded", 2);
        newer.put("reinstated", true);
        fake.reads = uri -> uri.startsWith("/api/class-days/M1-2026-12-05/participant-reports")
                ? Map.of("items", List.of(newer, older), "page", 0, "size", 10, "totalItems", 2) : reads.apply(uri);
        signIn("attendance");
        String page = get("/class-days/M1-2026-12-05/participant-reports").body();
        assertThat(page).contains("times read in America/Los_Angeles").contains("times read in America/New_York")
                .contains("The same file was imported again later (its times read in America/Los_Angeles): set its unmatched lines aside at that import.")
                .contains("2 left as recorded (a record staff made by hand, or a later report, stands)").contains("; staff asked that it stand again.");
        assertThat(page.split("left as recorded", -1)).as("only the import that says so").hasSize(2);
        assertThat(page.split("id=\"report-" + SHA + "\"", -1)).hasSize(2);
        assertThat(page.split("id=\"reason-" + SHA + "\"", -1)).as("one set-aside form").hasSize(2);

        fake.uploadAnswer = new LinkedHashMap<>(fake.uploadAnswer);
        ((Map<String, Object>) fake.uploadAnswer).put("importedBefore", true);
        HttpResponse<String> again = upload("/class-days/M1-2026-12-05/participant-reports", "America/Los_Angeles", "zoom.csv", "Name,Email\r\n");
        URI location = URI.create(again.headers().firstValue("Location").orElseThrow());
        assertThat(get(location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery())).body())
                .contains("This file was imported for this day before, and its times read in America/Los_Angeles are recorded already: nothing changed.");
        // a repeat beside a record staff corrected by hand: said so, and each such attendee's times are not called unchanged
        ((Map<String, Object>) fake.uploadAnswer).put("attendees", List.of(Map.of("registrationId", "r-gia", "outcome", "SUPERSEDED", "supersededBy", "STAFF_RECORD", "lines",
                List.of(5, 6), "segments", List.of(Map.of("joinedAt", "2026-12-05T13:58:03Z", "leftAt", "2026-12-05T22:00:09Z")))));
        HttpResponse<String> replaced = upload("/class-days/M1-2026-12-05/participant-reports", "America/New_York", "zoom.csv", "Name,Email\r\n");
        URI back = URI.create(replaced.headers().firstValue("Location").orElseThrow());
        String replacedPage = get(back.getRawPath() + (back.getRawQuery() == null ? "" : "?" + back.getRawQuery())).body();
        assertThat(replacedPage).contains("nothing changed: for some, a later report or a record staff made by hand stands, or the times overlap those recorded (see below).")
                .contains("not changed: staff recorded or corrected this day by hand, and that record stands; the report disagrees with it")
                .doesNotContain("already recorded so");
        // a new file: a record by hand it disagrees with is said at once; one a later report replaced points to the box
        ((Map<String, Object>) fake.uploadAnswer).put("importedBefore", false);
        ((Map<String, Object>) fake.uploadAnswer).put("attendees", List.of(
                Map.of("registrationId", "r-gia", "outcome", "SUPERSEDED", "supersededBy", "STAFF_RECORD", "lines", List.of(5),
                        "segments", List.of(Map.of("joinedAt", "2026-12-05T17:01:00Z", "leftAt", "2026-12-05T20:00:00Z"))),
                Map.of("registrationId", "r-hal", "outcome", "SUPERSEDED", "supersededBy", "LATER_REPORT", "lines", List.of(6),
                        "segments", List.of(Map.of("joinedAt", "2026-12-05T17:01:00Z", "leftAt", "2026-12-06T01:00:00Z")))));
        HttpResponse<String> fresh = upload("/class-days/M1-2026-12-05/participant-reports", "America/Los_Angeles", "other.csv", "Name,Email\r\n");
        URI freshAt = URI.create(fresh.headers().firstValue("Location").orElseThrow());
        String freshPage = get(freshAt.getRawPath() + (freshAt.getRawQuery() == null ? "" : "?" + freshAt.getRawQuery())).body();
        assertThat(freshPage).contains("The report disagrees with the attendance staff recorded by hand for 1 person: that record stands");
        assertThat(section(freshPage, "id=\"matched\"", 4000)).contains("the report disagrees with it")
                .contains("not changed: a later report (or this file read in another time zone) replaced these times for this person, and it stands"
                        + " (to put this report back, import it again"
                        + " with &quot;This earlier report should stand again&quot; ticked on the roster)");
        // times staff already reviewed against their record are said as such, not as a disagreement to act on (a fresh reviewer's)
        ((Map<String, Object>) fake.uploadAnswer).put("attendees", List.of(
                Map.of("registrationId", "r-gia", "outcome", "SUPERSEDED", "supersededBy", "STAFF_RECORD", "reviewedBefore", true, "lines", List.of(5),
                        "segments", List.of(Map.of("joinedAt", "2026-12-05T17:01:00Z", "leftAt", "2026-12-05T20:00:00Z")))));
        HttpResponse<String> reviewed = upload("/class-days/M1-2026-12-05/participant-reports", "America/Los_Angeles", "reviewed.csv", "Name,Email\r\n");
        URI reviewedAt = URI.create(reviewed.headers().firstValue("Location").orElseThrow());
        String reviewedPage = get(reviewedAt.getRawPath() + (reviewedAt.getRawQuery() == null ? "" : "?" + reviewedAt.getRawQuery())).body();
        assertThat(reviewedPage).contains("For 1 person staff already reviewed these times against their record by hand and kept it: nothing is listed again.")
                .doesNotContain("The report disagrees");
        assertThat(section(reviewedPage, "id=\"matched\"", 4000)).contains("staff already reviewed these times against it and kept the record")
                .doesNotContain("the report disagrees with it");
    }

    /**
     * An earlier report that should stand again where a later one replaced it (a fresh reviewer's older export had given the
     * hours back unasked; now it takes the roster's box): the box relays {@code reinstate=true}; left unticked, nothing is added.
     */
    @Test
    void anEarlierReportThatShouldStandAgainIsRelayedWithReinstate() throws Exception {
        classDayWithReports();
        signIn("attendance");
        assertThat(section(get("/class-days/M1-2026-12-05/roster").body(), "id=\"participant-report\"", 5000))
                .contains("name=\"reinstate\"").contains("This earlier report should stand again");
        HttpResponse<String> sent = upload("/class-days/M1-2026-12-05/participant-reports", true, "America/Los_Angeles", "reinstate",
                "older.csv", "Name,Email\r\n");
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(fake.uploads).last().asString()
                .startsWith("/api/class-days/M1-2026-12-05/participant-reports {timeZone=America/Los_Angeles, reinstate=true} ");
        upload("/class-days/M1-2026-12-05/participant-reports", "America/Los_Angeles", "zoom.csv", "Name,Email\r\n");
        assertThat(fake.uploads).last().asString().startsWith("/api/class-days/M1-2026-12-05/participant-reports {timeZone=America/Los_Angeles} ");
    }

    /**
     * A restarted meeting's second report (a fresh reviewer's HIGH): the form's box relays {@code addToRecorded=true}; left
     * unticked nothing is added to the query; an answer that withdrew someone's hours is said at once, and at the attendee.
     */
    @Test
    @SuppressWarnings("unchecked")
    void anotherMeetingsReportIsRelayedAsAddedAndAWithdrawalOfHoursIsSaid() throws Exception {
        classDayWithReports();
        signIn("attendance");
        assertThat(section(get("/class-days/M1-2026-12-05/roster").body(), "id=\"participant-report\"", 4000))
                .contains("name=\"addToRecorded\"").contains("This report is of another meeting of this day");
        String boundary = "kat-test-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf() + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"timeZone\"\r\n\r\nAmerica/Los_Angeles\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"addToRecorded\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"afternoon.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + "Name,Email\r\n\r\n--" + boundary + "--\r\n";
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/class-days/M1-2026-12-05/participant-reports"))
                .header("Accept", "text/html").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(fake.uploads).containsExactly("/api/class-days/M1-2026-12-05/participant-reports {timeZone=America/Los_Angeles, addToRecorded=true} "
                + "text/csv Name,Email\r\n");
        URI first = URI.create(added.headers().firstValue("Location").orElseThrow());
        assertThat(get(first.getRawPath() + (first.getRawQuery() == null ? "" : "?" + first.getRawQuery())).body())
                .contains("Imported afternoon.csv").doesNotContain("CE hours were withdrawn");

        Map<String, Object> answer = new LinkedHashMap<>(fake.uploadAnswer);
        answer.put("attendees", List.of(Map.of("registrationId", "r-gia", "outcome", "CORRECTED", "lines", List.of(5), "hoursWithdrawn", true,
                "segments", List.of(Map.of("joinedAt", "2026-12-05T20:05:00Z", "leftAt", "2026-12-06T01:00:00Z")))));
        answer.put("rows", 1);
        fake.uploadAnswer = answer;
        HttpResponse<String> replaced = upload("/class-days/M1-2026-12-05/participant-reports", "America/Los_Angeles", "afternoon.csv", "Name,Email\r\n");
        assertThat(fake.uploads).last().asString().startsWith("/api/class-days/M1-2026-12-05/participant-reports {timeZone=America/Los_Angeles} ");
        URI location = URI.create(replaced.headers().firstValue("Location").orElseThrow());
        String page = get(location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery())).body();
        assertThat(page).contains("1 row read in America/Los_Angeles").doesNotContain("1 rows"); // it read "1 rows" (a fresh reviewer's)
        assertThat(page).contains("CE hours were withdrawn for 1 person by this import&#39;s times")
                .contains("import the day&#39;s other report again with the box ticked");
        assertThat(section(page, "id=\"matched\"", 2000)).contains("CE hours withdrawn by this import")
                .contains("corrected (it differed from the earlier record)");
        // corrected times that earn hours the earlier record did not (an older export imported again after a corrected one): said so
        Map<String, Object> earned = new LinkedHashMap<>(answer);
        earned.put("attendees", List.of(Map.of("registrationId", "r-gia", "outcome", "CORRECTED", "lines", List.of(5), "hoursWithdrawn", false,
                "hoursEarned", true, "otherMeetingsDropped", true, "segments", List.of(Map.of("joinedAt", "2026-12-05T17:00:00Z", "leftAt", "2026-12-06T01:00:00Z")))));
        fake.uploadAnswer = earned;
        HttpResponse<String> earnedAgain = upload("/class-days/M1-2026-12-05/participant-reports", "America/Los_Angeles", "older.csv", "Name,Email\r\n");
        URI earnedAt = URI.create(earnedAgain.headers().firstValue("Location").orElseThrow());
        String earnedPage = get(earnedAt.getRawPath() + (earnedAt.getRawQuery() == null ? "" : "?" + earnedAt.getRawQuery())).body();
        assertThat(earnedPage).contains("CE hours were earned for 1 person by this import&#39;s corrected times").doesNotContain("CE hours were withdrawn");
        assertThat(section(earnedPage, "id=\"matched\"", 2000)).contains("CE hours earned by this import's corrected times")
                .contains("This import replaced times of another meeting of this day (added before, or times this report does not overlap at all)");
        assertThat(earnedPage).contains("This import replaced times of another meeting of this day for 1 person");
        // the same answer to a report sent with the box ticked: its times were added, not a correction (a fresh reviewer's)
        HttpResponse<String> addedAgain = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/class-days/M1-2026-12-05/participant-reports"))
                .header("Accept", "text/html").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.replace(csrfOf(body), csrf()))).build(), HttpResponse.BodyHandlers.ofString());
        URI addedPage = URI.create(addedAgain.headers().firstValue("Location").orElseThrow());
        assertThat(section(get(addedPage.getRawPath() + (addedPage.getRawQuery() == null ? "" : "?" + addedPage.getRawQuery())).body(),
                "id=\"matched\"", 2000)).contains("times added to those recorded (another meeting of the day; the roster shows the whole record)")
                .doesNotContain("it differed from the earlier record").doesNotContain("CE hours earned by this import");
        // refused with the box ticked: the form comes back with it ticked, as with the time zone typed (a fresh reviewer's retry
        // replaced the record)
        fake.refusal = new ServiceProblem(409, "attendance-not-added", "Not added", "Registration r-gia's attendance was recorded by staff.", null);
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/class-days/M1-2026-12-05/participant-reports"))
                .header("Accept", "text/html").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.replace(csrfOf(body), csrf()))).build(), HttpResponse.BodyHandlers.ofString());
        URI roster = URI.create(refused.headers().firstValue("Location").orElseThrow());
        String back = get(roster.getRawPath() + (roster.getRawQuery() == null ? "" : "?" + roster.getRawQuery())).body();
        assertThat(back).contains("recorded by staff");
        assertThat(tag(back, "id=\"addToRecorded\"")).contains("checked");
        fake.refusal = null;
    }

    /** The CSRF token a multipart body built above carries. */
    private static String csrfOf(String body) {
        int i = body.indexOf("name=\"_csrf\"\r\n\r\n") + "name=\"_csrf\"\r\n\r\n".length();
        return body.substring(i, body.indexOf("\r\n", i));
    }

    @Test
    void theLastImportsTablesAndAReportsOpenLinesPageTwentyFiveAtATimeKeepingTheOtherListsPlace() throws Exception {
        classDayWithReports();
        List<Object> attendees = new ArrayList<>();
        List<Object> unmatched = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            attendees.add(Map.of("registrationId", "r-" + i, "outcome", "RECORDED", "lines", List.of(100 + i),
                    "segments", List.of(Map.of("joinedAt", "2026-12-05T17:00:00Z", "leftAt", "2026-12-06T01:00:00Z"))));
            unmatched.add(Map.of("lines", List.of(200 + i), "name", "Guest " + i, "email", "", "segments", List.of(), "reason", "a guest"));
            open.add(200 + i);
        }
        Map<String, Object> answer = new LinkedHashMap<>(fake.uploadAnswer);
        answer.put("attendees", attendees);
        answer.put("unmatched", unmatched);
        fake.uploadAnswer = answer;
        Function<String, Map<String, Object>> reads = fake.reads;
        Map<String, Object> report = new LinkedHashMap<>(Map.of("sourceFileSha256", SHA, "timeZone", "America/Los_Angeles", "rows", 60,
                "attendeesRecorded", 30, "attendeesCorrected", 0, "attendeesUnchanged", 0, "rowsUnmatched", 30, "unmatchedLinesOpen", open));
        report.putAll(Map.of("setAside", List.of(), "importedBy", "attendance", "importedAt", "2026-12-06T01:50:00Z"));
        fake.reads = uri -> uri.startsWith("/api/class-days/M1-2026-12-05/participant-reports")
                ? Map.of("items", List.of(report), "page", 0, "size", 10, "totalItems", 1) : reads.apply(uri);
        signIn("attendance");
        assertThat(upload("/class-days/M1-2026-12-05/participant-reports", "America/Los_Angeles", "zoom.csv", "Name,Email\r\n").statusCode())
                .isEqualTo(302);

        String first = get("/class-days/M1-2026-12-05/participant-reports").body();
        String matched = section(first, "id=\"matched\"", first.indexOf("id=\"unmatched\"") - first.indexOf("id=\"matched\""));
        assertThat(matched).contains("Registration r-25").doesNotContain("Registration r-26").contains("Page 1 of 2 (30 in all)")
                .contains("href=\"/class-days/M1-2026-12-05/participant-reports?matchedPage=1\"");
        assertThat(section(first, "id=\"unmatched\"", 20_000)).contains("Guest 25").doesNotContain("Guest 26")
                .contains("href=\"/class-days/M1-2026-12-05/participant-reports?unmatchedPage=1\"");
        assertThat(first).contains("id=\"lines-" + SHA + "-24\"").doesNotContain("id=\"lines-" + SHA + "-25\"")
                .contains("Unmatched lines still open: 30 (listed below, page by page).")
                .contains("href=\"/class-days/M1-2026-12-05/participant-reports?linesOf=" + SHA + "&amp;linesPage=1\"")
                .contains("aria-label=\"Pages of the matched attendees\"").contains("aria-label=\"Pages of the unmatched lines\"");

        // the second page of one list keeps the others where they were
        String second = get("/class-days/M1-2026-12-05/participant-reports?matchedPage=1&unmatchedPage=1&linesOf=" + SHA + "&linesPage=1").body();
        assertThat(section(second, "id=\"matched\"", 6000)).contains("Registration r-26").contains("Registration r-30")
                .doesNotContain("Registration r-25<").contains("Page 2 of 2 (30 in all)")
                .contains("href=\"/class-days/M1-2026-12-05/participant-reports?unmatchedPage=1&amp;linesPage=1&amp;linesOf=" + SHA + "&amp;matchedPage=0\"");
        assertThat(section(second, "id=\"unmatched\"", 6000)).contains("Guest 26").contains("Guest 30").doesNotContain("Guest 25<");
        assertThat(section(second, "id=\"lines-" + SHA + "-0\"")).contains("value=\"226\"").contains("Line 226: Guest 26");
        assertThat(second).doesNotContain("id=\"lines-" + SHA + "-5\"");
        assertThat(get("/class-days/M1-2026-12-05/participant-reports?unmatchedPage=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void aReportOverFourMegabytesIsRefusedAtTheFileFieldAndOneUnderItIsRelayed() throws Exception {
        classDayWithReports();
        signIn("attendance");
        HttpResponse<String> rosterPage = get("/class-days/M1-2026-12-05/roster");
        Matcher form = Pattern.compile("id=\"participant-report\" action=\"([^\"]+)\"").matcher(rosterPage.body());
        assertThat(form.find()).isTrue();
        String action = form.group(1).replace("&amp;", "&");
        assertThat(action).startsWith("/class-days/M1-2026-12-05/participant-reports?_csrf=");
        // the token in the form's address never leaves the console in a Referer (a fresh reviewer)
        assertThat(rosterPage.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        String row = "Guest Observer,guest.observer@example.org,12/05/2026 09:01:00 AM,12/05/2026 05:00:00 PM,479,Yes\r\n";
        String large = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
                + row.repeat((int) (4.5 * 1024 * 1024 / row.length()));

        HttpResponse<String> refused = upload(action, false, "America/Los_Angeles", "zoom.csv", large);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/class-days/M1-2026-12-05/roster#participant-report");
        String roster = get("/class-days/M1-2026-12-05/roster").body();
        assertThat(section(roster, "id=\"file-error\"")).contains("larger than 4 MB").contains("nothing was imported");
        assertThat(tag(roster, "id=\"reportFile\"")).contains("aria-invalid=\"true\"").contains("aria-describedby=\"file-error\"");
        assertThat(roster).contains("Not imported");
        assertThat(fake.uploads).isEmpty();

        // over Spring's default of 1 MB, under the console's limit: relayed as it is
        String under = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n" + row.repeat(3 * 1024 * 1024 / row.length());
        HttpResponse<String> relayed = upload(action, false, "America/Los_Angeles", "zoom.csv", under);
        assertThat(relayed.statusCode()).isEqualTo(302);
        assertThat(relayed.headers().firstValue("Location").orElseThrow()).contains("/class-days/M1-2026-12-05/participant-reports");
        assertThat(fake.uploads).singleElement().satisfies(u -> assertThat(u).endsWith(under));
    }

    @Test
    void aRefusedReportIsShownAtItsFieldOnTheRosterAndNothingIsShownAsImported() throws Exception {
        classDayWithReports();
        signIn("attendance");
        // the service's refusal of a zone (here one the console's zone data knows, e.g. a zone the service's lacks) in the form's words
        fake.refusal = new ServiceProblem(422, "invalid-time-zone", "Invalid time zone",
                "timeZone must be an IANA time zone such as America/Los_Angeles; 'America/Ciudad_Juarez' is not one.", "timeZone");
        HttpResponse<String> refused = upload("/class-days/M1-2026-12-05/participant-reports", "America/Ciudad_Juarez", "zoom.csv", "x");
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/class-days/M1-2026-12-05/roster#participant-report");
        String roster = get("/class-days/M1-2026-12-05/roster").body();
        assertThat(section(roster, "id=\"timeZone-error\"")).contains("&#39;America/Ciudad_Juarez&#39; is not a time zone name")
                .contains("give the video account&#39;s IANA time zone, such as America/Los_Angeles").doesNotContain("timeZone must");
        assertThat(tag(roster, "id=\"reportTimeZone\"")).contains("value=\"America/Ciudad_Juarez\"").contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"timeZone-error\"");
        assertThat(roster).doesNotContain("Imported").contains("Not imported");
        // a name that is no time zone, or an offset, is refused by the console in the same words, nothing sent (a fresh reviewer's
        // "PST" was the service's "timeZone must be an IANA time zone ...")
        fake.refusal = null;
        for (String zone : List.of("PST", "Mars/Olympus_Mons", "-08:00", "GMT-8")) {
            upload("/class-days/M1-2026-12-05/participant-reports", zone, "zoom.csv", "x");
            String again = get("/class-days/M1-2026-12-05/roster").body();
            assertThat(section(again, "id=\"timeZone-error\"")).as(zone).contains("is not a time zone name").doesNotContain("timeZone must");
            assertThat(tag(again, "id=\"reportTimeZone\"")).contains("aria-invalid=\"true\"").contains("aria-describedby=\"timeZone-error\"");
        }
        assertThat(fake.uploads).isEmpty();

        fake.refusal = new ServiceProblem(422, "participant-report-invalid", "Invalid participant report",
                "The file is empty: send the platform's participant report (CSV). Nothing was imported.", null);
        upload("/class-days/M1-2026-12-05/participant-reports", "America/Los_Angeles", "empty.csv", "");
        roster = get("/class-days/M1-2026-12-05/roster").body();
        assertThat(section(roster, "id=\"file-error\"")).contains("The file is empty");
        assertThat(fake.uploads).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void settingRowsAsideSendsTheTickedAndTypedLinesAndARefusalIsShownAtTheLinesField() throws Exception {
        classDayWithReports();
        signIn("attendance");
        String path = "/class-days/M1-2026-12-05/participant-reports/" + SHA + "/ignored-rows";
        HttpResponse<String> notANumber = post(path, Map.of("lines", "11,12", "otherLines", "14 abc", "reason", "observers"), true);
        assertThat(notANumber.statusCode()).isEqualTo(302);
        assertThat(fake.commands).isEmpty();
        String again = get("/class-days/M1-2026-12-05/participant-reports").body();
        assertThat(section(again, "id=\"lines-error-" + SHA + "\"")).contains("&#39;abc&#39; is not a line number");
        // what was ticked and typed is shown again with the refusal (a fresh reviewer lost all three)
        assertThat(tag(again, "id=\"otherLines-" + SHA + "\"")).contains("value=\"14 abc\"");
        assertThat(tag(again, "id=\"reason-" + SHA + "\"")).contains("value=\"observers\"");
        assertThat(tag(again, "id=\"lines-" + SHA + "-0\"")).as(section(again, "id=\"lines-" + SHA + "-0\"")).contains("checked");

        HttpResponse<String> done = post(path, Map.of("lines", "11,12", "otherLines", "14, 15", "reason", " observers "), true);
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(fake.commands).containsExactly("POST /api/class-days/M1-2026-12-05/participant-reports/" + SHA + "/ignored-rows");
        assertThat((Map<String, Object>) fake.bodies.get(0)).containsEntry("lines", List.of(11L, 12L, 14L, 15L)).containsEntry("reason", "observers");
        assertThat(get(pathAndQuery(done)).body()).contains("Lines 11, 12, 14, 15 set aside: observers");

        fake.refusal = new ServiceProblem(422, "lines-not-unmatched", "Not unmatched lines",
                "Lines [5] were matched (attendance, correct it on the registration); lines still open: [11, 12].", null);
        post(path, Map.of("otherLines", "5", "reason", "mistake"), true);
        String page = get("/class-days/M1-2026-12-05/participant-reports").body();
        assertThat(section(page, "id=\"lines-error-" + SHA + "\"")).contains("Lines [5] were matched");
        assertThat(page).doesNotContain("set aside: mistake");

        fake.refusal = new ServiceProblem(400, "invalid-request", "Bad request", "Some fields are missing or malformed: [reason must not be blank]",
                null, Map.of("reason", "must not be blank"));
        post(path, Map.of("lines", "11", "reason", ""), true);
        assertThat(section(get("/class-days/M1-2026-12-05/participant-reports").body(), "id=\"reason-error-" + SHA + "\""))
                .contains("Give the reason.");
    }

    private void seriesWithWaitlist() {
        Map<String, Object> offerOpen = new LinkedHashMap<>();
        offerOpen.put("offerId", "o-1");
        offerOpen.put("placeId", "p-1");
        offerOpen.put("status", "OPEN");
        offerOpen.put("cause", "SEAT_RELEASED");
        offerOpen.put("offeredAt", "2026-11-26T15:20:00Z");
        offerOpen.put("expiresAt", "2026-11-28T15:20:37Z");
        offerOpen.put("outcomeAt", null);
        offerOpen.put("outcomeReason", null);
        offerOpen.put("registrationId", null);
        Map<String, Object> lapsed = new LinkedHashMap<>(offerOpen);
        lapsed.putAll(Map.of("offerId", "o-0", "placeId", "p-0", "status", "LAPSED", "outcomeAt", "2026-11-26T15:20:00Z", "outcomeReason", "WINDOW_ENDED",
                "offeredAt", "2026-11-24T15:20:00Z", "expiresAt", "2026-11-26T15:20:00Z"));
        List<Map<String, Object>> places = new ArrayList<>();
        for (Object[] p : new Object[][]{{"p-0", "LAPSED", List.of(lapsed)}, {"p-1", "OFFERED", List.of(offerOpen)}, {"p-2", "WAITING", List.of()}, {"p-3", "LEFT", List.of()}}) {
            Map<String, Object> place = new LinkedHashMap<>();
            place.put("placeId", p[0]);
            place.put("clinicianId", "c-" + p[0]);
            place.put("fullName", p[0].equals("p-2") ? "[erased]" : "Person " + p[0]);
            place.put("email", p[0].equals("p-2") ? "[erased]" : p[0] + "@example.org");
            place.put("status", p[1]);
            place.put("joinedAt", "2026-11-20T18:00:00Z");
            place.put("endedAt", p[1].equals("LAPSED") ? "2026-11-26T15:20:00Z" : null);
            place.put("endReason", p[1].equals("LAPSED") ? "WINDOW_ENDED" : null);
            place.put("offers", p[2]);
            places.add(place);
        }
        fake.reads = uri -> uri.startsWith("/api/catalog/series/21") ? Map.of("seriesId", "series-21", "seriesNumber", 21)
                : uri.startsWith("/api/availability/series/series-21") ? Map.of("capacity", 10, "taken", 9, "held", 1, "free", 0, "waitlist", 1,
                "soldOut", true, "registration", "OPEN", "schedule", "UPCOMING")
                : uri.startsWith("/api/waitlist/series/series-21") ? Map.of("seriesId", "series-21", "waiting", 1, "held", 1,
                "offerWindow", Map.of("minutes", 1440, "changedAt", "2026-11-20T17:00:00Z", "changedBy", "admin", "reason", "short run-up"),
                "items", places, "page", 0, "size", 20, "totalItems", 45) : null;
    }

    /** The series page gives refund policy v1's on-time cancellation cutoff for a registration made now (the console's clock: 2026-12-06). */
    @Test
    void theSeriesPageSaysUntilWhenARegistrationMadeNowIsRefundedInFull() throws Exception {
        signIn("admin");
        seriesWithCutoff("2026-12-14T17:00:00Z", "OPEN");
        // the late terms with their deductions (a fresh reviewer's registrar would have promised "half back" undeducted)
        assertThat(squashed(section(get("/series/21").body(), "id=\"cancellation-cutoff\"", 700))).contains("a registration made now and cancelled by")
                .contains("Mon Dec 14, 2026 9:00 AM PST").contains("is refunded what was paid minus the $25 admin fee and the processing fee")
                .contains("credit of the full amount paid or half of it minus those fees")
                .contains("a seat sold before the first class day moved earlier keeps the later cutoff of its sale").doesNotContain("passed");
        seriesWithCutoff("2026-12-01T17:00:00Z", "OPEN");
        assertThat(squashed(section(get("/series/21").body(), "id=\"cancellation-cutoff\"", 700))).contains("cutoff for a registration made now passed")
                .contains("Tue Dec 1, 2026 9:00 AM PST").contains("half of it minus the $25 admin fee and the processing fee");
        // once registration has closed, no registration is made now: nothing said
        seriesWithCutoff("2026-11-01T16:00:00Z", "CLOSED");
        assertThat(get("/series/21").body()).doesNotContain("cancellation-cutoff");
    }

    private static String squashed(String html) {
        return html.replaceAll("\\s+", " ");
    }

    private void seriesWithCutoff(String onTimeCancellationUntil, String registration) {
        fake.reads = uri -> uri.startsWith("/api/catalog/series/21") ? Map.of("seriesId", "series-21", "seriesNumber", 21, "price", "2100.00",
                "ceOptionPrice", "75.00", "totalCeHours", 8, "classDays", List.of(), "onTimeCancellationUntil", onTimeCancellationUntil)
                : uri.startsWith("/api/availability/series/series-21") ? Map.of("capacity", 10, "taken", 9, "held", 0, "free", 1,
                "waitlist", 0, "soldOut", false, "registration", registration, "schedule", "UPCOMING") : null;
    }

    @Test
    void theWaitlistShowsPlacesInOrderWithOffersOutcomesHeldSeatsAndTheOfferWindowAndPages() throws Exception {
        seriesWithWaitlist();
        signIn("admin");
        HttpResponse<String> page = get("/series/21/waitlist");
        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("9 of 10 seats taken, 1 held for open offers, 0 free; 1 waiting.");
        // without a refusal the offer window's fields point at no error message (there is none on the page)
        assertThat(tag(body, "id=\"offerWindowMinutes\"")).doesNotContain("aria-describedby").doesNotContain("aria-invalid");
        assertThat(tag(body, "id=\"offerWindowReason\"")).doesNotContain("aria-describedby").doesNotContain("aria-invalid");
        assertThat(section(body, "id=\"offer-window\"")).contains("An offer holds its seat for 24 hours (1,440 minutes), set Fri Nov 20, 2026 9:00 AM PST by admin: short run-up.");
        assertThat(section(body, "id=\"place-p-0\"", 1000)).contains("offer lapsed").contains("the offer window ended");
        assertThat(section(body, "id=\"place-p-1\"", 1000)).contains("offered a seat").contains("(a seat was released), seat held until Sat Nov 28, 2026 7:20:37 AM PST") // to the second: the hold ends then
                .contains("open: the seat is held");
        assertThat(section(body, "id=\"place-p-2\"", 1000)).contains("waiting").contains("no offer yet").contains("[erased]")
                .contains("c-p-2");
        assertThat(section(body, "id=\"place-p-1\"", 400)).contains("Person p-1").contains("p-1@example.org").contains("c-p-1");
        // a place that ended without an offer (left, e.g. after an erasure) says so, not "no offer yet" (a reviewer's finding)
        assertThat(section(body, "id=\"place-p-3\"", 1000)).contains("no offer made").doesNotContain("no offer yet");
        assertThat(body).contains("<label for=\"offerWindowMinutes\">").contains("<label for=\"offerWindowReason\">").contains("value=\"1440\"");
        assertThat(body).contains("Page 1 of 3 (45 in all)").contains("href=\"/series/21/waitlist?page=1\"");
        assertThat(fake.readUris).anyMatch(u -> u.startsWith("/api/waitlist/series/series-21?page=0&size=20"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOfferWindowFormSendsWholeMinutesAndShowsARefusalAtItsField() throws Exception {
        seriesWithWaitlist();
        signIn("admin");
        HttpResponse<String> notANumber = post("/series/21/offer-window", Map.of("offerWindowMinutes", "two days", "reason", "r"), true);
        assertThat(notANumber.statusCode()).isEqualTo(200);
        assertThat(section(notANumber.body(), "id=\"offerWindowMinutes-error\"")).contains("whole number of minutes");
        // a whole number beyond any window is out of range, not "not a whole number" (a fresh reviewer's finding)
        HttpResponse<String> huge = post("/series/21/offer-window", Map.of("offerWindowMinutes", "99999999999", "reason", "r"), true);
        // and it says what the field allows, as its label does, not the console's int limit (a later fresh reviewer's)
        assertThat(section(huge.body(), "id=\"offerWindowMinutes-error\"")).contains("&#39;99999999999&#39; is out of range: the field allows"
                + " 1 to 43200 minutes (30 days), as its label says.").doesNotContain("whole number").doesNotContain("2,147,483,647");
        HttpResponse<String> hugeNegative = post("/series/21/offer-window", Map.of("offerWindowMinutes", "-99999999999", "reason", "r"), true);
        assertThat(section(hugeNegative.body(), "id=\"offerWindowMinutes-error\"")).contains("&#39;-99999999999&#39; is out of range: the field allows 1 to 43200");
        assertThat(fake.commands).isEmpty();

        fake.refusal = new ServiceProblem(400, "invalid-request", "Bad request",
                "Some fields are missing or malformed: [offerWindowMinutes must be greater than or equal to 1]", null,
                Map.of("offerWindowMinutes", "must be greater than or equal to 1"));
        HttpResponse<String> refused = post("/series/21/offer-window", Map.of("offerWindowMinutes", "0", "reason", "none"), true);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(section(refused.body(), "id=\"offerWindowMinutes-error\"")).contains("Offer window minutes: at least 1.");
        assertThat(section(refused.body(), "id=\"offerWindowMinutes\"")).contains("value=\"0\"");
        assertThat(refused.body()).doesNotContain("Offer window set");

        fake.refusal = null;
        HttpResponse<String> done = post("/series/21/offer-window", Map.of("offerWindowMinutes", "1440", "reason", " short run-up "), true);
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(fake.commands).containsExactly("PUT /api/catalog/series/series-21/offer-window");
        assertThat((Map<String, Object>) fake.bodies.get(0)).containsEntry("offerWindowMinutes", 1440).containsEntry("reason", "short run-up");
        assertThat(get(pathAndQuery(done)).body()).contains("Offer window set to 24 hours (1,440 minutes).");
    }

    @Test
    void theServicesDecideRolesOnTheNewScreensAndTheirRefusalIsThe403Page() throws Exception {
        seriesWithWaitlist();
        Function<String, Map<String, Object>> reads = fake.reads;
        fake.reads = uri -> {
            if (uri.startsWith("/api/waitlist/")) {
                throw new ServiceProblem(403, "forbidden", "Forbidden", "Your role may not read waitlists.", null);
            }
            return reads.apply(uri);
        };
        signIn("admin");
        HttpResponse<String> page = get("/series/21/waitlist");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("id=\"forbidden\"").doesNotContain("c-p-1");

        classDayWithReports();
        fake.refusal = new ServiceProblem(403, "forbidden", "Forbidden", "Your role may not import participant reports.", null);
        signIn("attendance");
        HttpResponse<String> upload = upload("/class-days/M1-2026-12-05/participant-reports", "America/Los_Angeles", "zoom.csv", "x");
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(upload.body()).contains("id=\"forbidden\"");
        // and the console's own screens by role: attendance staff have no waitlist screen
        assertThat(get("/series/21/waitlist").statusCode()).isEqualTo(403);
        // a page the console does not have is its own error page, not Spring's whitelabel page (a fresh reviewer's finding)
        HttpResponse<String> none = get("/nope");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("id=\"error-page\"").contains("There is no such page").doesNotContain("Whitelabel");
        // the health check opened in a browser (whose Accept ends in */*): its JSON; a client that accepts HTML alone is told
        // 406, as for any address that has no HTML (RFC 9110 15.5.7), on the console's page
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        HttpResponse<String> htmlOnly = get("/actuator/health");
        assertThat(htmlOnly.statusCode()).isEqualTo(406);
        assertThat(htmlOnly.body()).contains("id=\"error-page\"");
        // the error page's own address, asked for: no such page either (it showed "999 None", a fresh reviewer's)
        HttpResponse<String> error = get("/error");
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.body()).contains("id=\"error-page\"").contains("There is no such page").doesNotContain("999");
        HttpResponse<String> options = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/error"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(options.statusCode()).as("OPTIONS too, not 200 with an Allow list").isEqualTo(404);
    }

    /** A field sent twice (other than a report's lines and a record's segment times) is the 400 page; nothing is relayed. */
    @Test
    void aFieldSentTwiceIsRefusedWithNothingRelayed() throws Exception {
        signIn("admin");
        int reads = fake.readUris.size();
        int commands = fake.commands.size();
        HttpResponse<String> search = get("/clinicians?q=Wait&q=Reg");
        assertThat(search.statusCode()).isEqualTo(400);
        assertThat(search.body()).contains("id=\"error-page\"");
        // which field (a fresh reviewer could not tell)
        assertThat(section(search.body(), "id=\"error-detail\"")).contains("The field q is sent more than once.");
        assertThat(get("/ledger?seriesId=series-20&seriesId=series-19").statusCode()).isEqualTo(400);
        // the same page for a client that does not ask for HTML (curl's Accept: */*, or JSON): Spring Boot's error
        // controller had answered those with its JSON map (a fresh reviewer's finding)
        for (String accept : new String[]{"*/*", "application/json"}) {
            HttpResponse<String> twice = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/series?page=1&page=2"))
                    .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(twice.statusCode()).as(accept).isEqualTo(400);
            assertThat(twice.headers().firstValue("Content-Type")).as(accept).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(twice.body()).as(accept).contains("id=\"error-page\"");
            // what was wrong comes first, with no list of guesses before it (a fresh reviewer's LOW)
            assertThat(twice.body().indexOf("The field page is sent more than once.")).as(accept)
                    .isPositive().isLessThan(twice.body().indexOf("Nothing was sent to the services"));
            assertThat(twice.body()).as(accept).doesNotContain("a field sent twice");
        }
        // also when the request says it is multipart (a GET with that Content-Type, a form sent as multipart/form-data)
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/clinicians?q=Wait&q=Reg")).header("Accept", "text/html")
                .header("Content-Type", "multipart/form-data; boundary=xyz").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        String boundary = "kat-boundary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf() + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"offerWindowMinutes\"\r\n\r\n120\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\nfirst\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\nsecond\r\n--" + boundary + "--\r\n";
        HttpResponse<String> window = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/series/21/offer-window"))
                .header("Accept", "text/html").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(window.statusCode()).as(window.body()).isEqualTo(400);
        // a segment time with a comma would be read as two times
        HttpResponse<String> comma = post("/class-days/M1-2026-12-05/attendance", Map.of("registrationId", "r-1", "seriesNumber", "21",
                "joined", "09:00,12:30", "left", "12:00,17:00", "verification", "PLATFORM_LOG"), true);
        assertThat(comma.statusCode()).isEqualTo(400);
        assertThat(fake.readUris).hasSize(reads);
        assertThat(fake.commands).hasSize(commands);
    }

    /**
     * What the web server refuses before the console sees it is a console page with the services' statuses (a reviewer got
     * Tomcat's own "HTTP Status 400" page): a header section larger than it reads 431, an address longer 414; a form
     * larger than it reads is the 413 page with nothing relayed, not a form with its fields missing.
     */
    @Test
    void oversizedRequestsAreConsolePagesWithTheirStatusAndAnOversizedFormRelaysNothing() throws Exception {
        for (String head : new String[]{"GET /login HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(9_000) + "\r\nConnection: close\r\n\r\n",
                "GET /login?x=" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"}) {
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith(head.contains("X-Big") ? "HTTP/1.1 431" : "HTTP/1.1 414").contains("text/html")
                        .contains("id=\"error-page\"").contains("8 KiB").doesNotContain("Apache Tomcat");
            }
        }
        rosterWithGia();
        signIn("attendance");
        int commands = fake.commands.size();
        String body = "registrationId=r-gia&seriesNumber=21&verification=STAFF_SIGN_IN&joined=09%3A00&left=17%3A00&reason=" + "r".repeat(3_000_000);
        HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/class-days/M1-2026-12-05/attendance?_csrf="
                        + URLEncoder.encode(csrf(), StandardCharsets.UTF_8))).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("id=\"error-page\"").contains("larger than the console reads").doesNotContain("missing");
        // the same as a multipart form to a page that takes no upload (a reviewer got an empty 413 and a logged stack trace)
        String boundary = "kat-boundary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\n" + "r".repeat(6_000_000)
                + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> bigMultipart = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/series/21/offer-window?_csrf="
                        + URLEncoder.encode(csrf(), StandardCharsets.UTF_8))).header("Accept", "text/html")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(multipart)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bigMultipart.statusCode()).isEqualTo(413);
        assertThat(bigMultipart.body()).contains("The form is larger than 4 MB").contains("upload-too-large");
        assertThat(fake.commands).hasSize(commands);
    }

    @Test
    void aRecordWithMinutesOnlyHasACorrectionFormWithBlankTimesThatSaysSo() throws Exception {
        rosterWithGia();
        Function<String, Map<String, Object>> reads = fake.reads;
        Map<String, Object> minutesOnly = new LinkedHashMap<>(Map.of("registrationId", "r-min", "seriesNumber", 21, "fullName", "Max Minutes",
                "licenseNumber", "PSY-2", "licenseState", "CA", "ceOption", false, "makeUp", false, "attendance", "RECORDED", "minutesPresent", 420,
                "evaluationCompleted", false));
        minutesOnly.put("joinedAt", null);
        minutesOnly.put("leftAt", null);
        Map<String, Object> notYet = new LinkedHashMap<>(minutesOnly);
        notYet.putAll(Map.of("registrationId", "r-new", "fullName", "Nia New", "attendance", "NOT_RECORDED"));
        notYet.put("minutesPresent", null);
        fake.reads = uri -> uri.startsWith("/api/class-days/M1-2026-12-05/roster")
                ? Map.of("classDayId", "M1-2026-12-05", "items", List.of(minutesOnly, notYet), "page", 0, "size", 25, "totalItems", 2) : reads.apply(uri);
        signIn("attendance");
        String roster = get("/class-days/M1-2026-12-05/roster").body();
        assertThat(section(roster, "id=\"minutes-only-r-min\"")).contains("Recorded as 420 minutes present, without joined and left times")
                .contains("blank, not guessed");
        assertThat(section(roster, "id=\"joined-r-min\"")).contains("value=\"\"").doesNotContain("09:00");
        assertThat(section(roster, "id=\"left-r-min\"")).contains("value=\"\"").doesNotContain("17:00");
        assertThat(roster).doesNotContain("id=\"minutes-only-r-new\"");
        // someone not recorded yet: blank, required times, not the day's 09:00-17:00 (a click must not record a full day)
        assertThat(section(roster, "id=\"joined-r-new\"")).contains("value=\"\"").contains("required").doesNotContain("09:00");
        assertThat(section(roster, "id=\"left-r-new\"")).contains("value=\"\"").contains("required").doesNotContain("17:00");
    }

    /** The redirect's path and query (a flash message is kept for the very address it was made for). */
    private static String pathAndQuery(HttpResponse<String> redirect) {
        URI to = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        return to.getRawPath() + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery());
    }

    private HttpResponse<String> upload(String path, String timeZone, String filename, String content) throws Exception {
        return upload(path, true, timeZone, filename, content);
    }

    private HttpResponse<String> upload(String path, boolean csrfPart, String timeZone, String filename, String content) throws Exception {
        return upload(path, csrfPart, timeZone, null, filename, content);
    }

    /**
     * Posts the upload form as a browser does, with or without the CSRF token among its parts (the form's address may carry it),
     * and with the box named {@code ticked} ticked ({@code reinstate}, {@code addToRecorded}; null: none).
     */
    private HttpResponse<String> upload(String path, boolean csrfPart, String timeZone, String ticked, String filename, String content)
            throws Exception {
        String boundary = "kat-test-boundary";
        String body = (csrfPart ? "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf() + "\r\n" : "")
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"timeZone\"\r\n\r\n" + timeZone + "\r\n"
                + (ticked == null ? "" : "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + ticked + "\"\r\n\r\ntrue\r\n")
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\nContent-Type: text/csv\r\n\r\n"
                + content + "\r\n--" + boundary + "--\r\n";
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // --- defect 5: a refused POST is the 403 page, not 405

    @Test
    void aClinicianWithoutCreditHasABalanceOfZeroNotAnErrorPageAndBalancesAreDollars() throws Exception {
        signIn("finance");
        fake.reads = uri -> {
            if (uri.startsWith("/api/credit/nobody")) {
                throw new ServiceProblem(404, "clinician-not-found", "Clinician not found", "No registration or waitlist place names clinician nobody and no credit "
                        + "has been issued to that id: check the id (the ledger and the clinician search show each clinician's).", null);
            }
            if (uri.startsWith("/api/credit/erin")) {
                throw new ServiceProblem(404, "not-found", "Not found", "No credit has been issued to clinician erin.", null);
            }
            if (uri.startsWith("/api/credit/dana")) {
                return Map.of("balance", "2100.00", "items", List.of(), "page", 0, "size", 25, "totalItems", 0);
            }
            return null;
        };
        HttpResponse<String> none = get("/credit?clinicianId=nobody");
        assertThat(none.statusCode()).isEqualTo(200);
        // an id no registration names is refused at the field in the service's words, not shown as a clinician without credit
        assertThat(none.body()).contains("No registration or waitlist place names clinician nobody and no credit has been issued to that id: check the id")
                .doesNotContain("Balance: $0.00");
        assertThat(get("/credit?clinicianId=erin").body()).contains("Balance: $0.00. No credit has been issued to clinician erin.");
        assertThat(get("/credit?clinicianId=dana").body()).contains("Balance: $2,100.00")
                .contains("href=\"/ledger?clinicianId=dana\""); // all of their money's entries
    }

    /** Without a clinician id the credit page lists who holds credit (GET /api/credit), each linking to their history. */
    @Test
    void withoutAClinicianTheCreditPageListsWhoHoldsCreditWithTheTotalOutstanding() throws Exception {
        signIn("finance");
        fake.reads = uri -> uri.startsWith("/api/credit?") ? Map.of("totalBalance", "3100.01", "totalBalanceCents", 310001, "items", List.of(
                Map.of("clinicianId", "dana", "balance", "2100.00", "balanceCents", 210000, "lastChangedAt", "2026-12-05T18:00:00Z", "entries", 1),
                Map.of("clinicianId", "erin", "balance", "1000.01", "balanceCents", 100001, "lastChangedAt", "2026-12-04T18:00:00Z", "entries", 3)),
                "page", 0, "size", 25, "totalItems", 2) : null;
        HttpResponse<String> list = get("/credit");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Credit outstanding: $3,100.01").contains("href=\"/credit?clinicianId=dana\"")
                .contains("href=\"/credit?clinicianId=erin\"").contains("$2,100.00").contains("$1,000.01").contains("Page 1 of 1 (2 in all)");
        assertThat(list.body().indexOf("clinicianId=dana")).isLessThan(list.body().indexOf("clinicianId=erin"));
        // (the query's parameters in any order: the page's map of them has none)
        assertThat(fake.readUris).anyMatch(u -> u.startsWith("/api/credit?") && u.contains("page=0") && u.contains("size=25"));
        // a clinician's page shows their balance, not the list
        fake.readUris.clear();
        fake.reads = uri -> uri.startsWith("/api/credit/dana") ? Map.of("balance", "2100.00", "items", List.of(), "page", 0, "size", 25, "totalItems", 0) : null;
        assertThat(get("/credit?clinicianId=dana").body()).contains("Balance: $2,100.00").doesNotContain("Credit outstanding");
        assertThat(fake.readUris).noneMatch(u -> u.startsWith("/api/credit?"));
    }

    @Test
    void theTranscriptIsATablePerRegistrationWithMinutesCeStateWhyAndCorrectionsInPacificTime() throws Exception {
        signIn("compliance");
        Map<String, Object> m1 = new LinkedHashMap<>(Map.of("moduleCode", "M1", "moduleTitle", "Introduction", "classDayId", "M1-2026-12-05",
                "date", "2026-12-05", "startsAt", "2026-12-05T17:00:00Z", "makeUp", false, "attendance", "RECORDED", "minutesAttended", 478,
                "evaluationCompleted", true, "ce", "EARNED"));
        m1.put("ceHours", 8);
        m1.put("ceWhy", "attended in full, evaluation completed");
        Map<String, Object> m2 = new LinkedHashMap<>(Map.of("moduleCode", "M2", "moduleTitle", "Workshop", "classDayId", "M2-2027-01-09",
                "date", "2027-01-09", "startsAt", "2027-01-09T17:00:00Z", "makeUp", true, "attendance", "CORRECTED", "minutesAttended", 390,
                "evaluationCompleted", true, "ce", "WITHDRAWN"));
        m2.put("ceHours", 8);
        m2.put("ceWhy", "sign-out sheet shows 15:30");
        Map<String, Object> correction = new LinkedHashMap<>(Map.of("occurredAt", "2027-01-10T18:30:00Z", "registrationId", "r-1",
                "moduleCode", "M2", "classDayId", "M2-2027-01-09", "change", "ATTENDANCE_CORRECTED", "reason", "sign-out sheet shows 15:30",
                "actor", "attendance"));
        correction.put("ceHours", null);
        correction.put("attendanceBefore", Map.of("segments", List.of(Map.of("joinedAt", "2027-01-09T17:00:00Z", "leftAt", "2027-01-10T01:00:00Z")),
                "verification", "STAFF_SIGN_IN"));
        correction.put("attendanceAfter", Map.of("segments", List.of(Map.of("joinedAt", "2027-01-09T17:00:00Z", "leftAt", "2027-01-09T20:00:00Z"),
                Map.of("joinedAt", "2027-01-09T20:30:00Z", "leftAt", "2027-01-09T23:30:00Z")), "verification", "STAFF_SIGN_IN"));
        Map<String, Object> otherRegistration = new LinkedHashMap<>(correction);
        otherRegistration.put("registrationId", "r-other");
        otherRegistration.put("reason", "belongs to another registration");
        fake.reads = uri -> uri.startsWith("/api/transcripts/c-1") ? Map.of("clinicianId", "c-1",
                "participant", Map.of("fullName", "Dana Rivera", "licenseNumber", "LCSW-88123", "licenseState", "CA"),
                "program", "KAT Training", "provider", "Polaris Insight Center", "hoursPerSeries", Map.of("Series 21", 8), "totalHours", 8,
                "modulesCompleted", List.of(), "history", List.of(correction, otherRegistration),
                "registrations", List.of(Map.of("registrationId", "r-1", "seriesNumber", 21, "ceOption", true, "status", "ACTIVE",
                        "certificateDue", false, "modules", List.of(m1, m2), "certificates", List.of(Map.of("verificationCode", "KAT-AAAA-BBBB-CCCC",
                                "version", 1, "status", "WITHDRAWN", "issuedAt", "2027-01-09T23:00:00Z", "withdrawnAt", "2027-01-10T18:30:00Z",
                                "withdrawnReason", "hours of M2 withdrawn: sign-out sheet shows 15:30"))),
                        // an earlier registration under another name and license (a fresh reviewer: the heading's license stood over it)
                        Map.of("registrationId", "r-0", "seriesNumber", 19, "ceOption", true, "status", "ACTIVE", "certificateDue", false,
                                "modules", List.of(), "certificates", List.of(),
                                "participant", Map.of("fullName", "Dana Old", "licenseNumber", "LCSW-1", "licenseState", "NV")))) : null;
        HttpResponse<String> transcript = get("/transcripts/c-1");
        assertThat(transcript.statusCode()).isEqualTo(200);
        String body = transcript.body();
        assertThat(body).contains("<h1>CE transcript of Dana Rivera</h1>").contains("LCSW-88123 (CA)").contains("Series 21: 8 h");
        String first = section(body, "data-module=\"M1\"");
        assertThat(first).contains("Sat Dec 5, 2026 9:00 AM PST").contains("478").contains(">earned<").contains("8 earned")
                .contains("attended in full, evaluation completed");
        String second = body.substring(body.indexOf("data-module=\"M2\""), body.indexOf("</tr>", body.indexOf("data-module=\"M2\"")));
        assertThat(second).contains("M2-2027-01-09 · make-up").contains("390").contains(">withdrawn<").contains("8 withdrawn")
                .contains("Attendance corrected").contains("<span> on M2-2027-01-09</span>").contains("sign-out sheet shows 15:30")
                .contains("by <span>attendance</span>")
                .contains("Sun Jan 10, 2027 10:30 AM PST").doesNotContain("belongs to another registration");
        // what the correction replaced and what it recorded, in Pacific time (minutesPresent absent from the JSON: read as none)
        assertThat(second.replaceAll("<[^>]+>", "").replaceAll("\\s+", " ")).contains("sign-out sheet shows 15:30 (was 9:00 AM PST – 5:00 PM PST"
                + " (staff sign-in); now 9:00 AM PST – 12:00 PM PST, 12:30 PM PST – 3:30 PM PST (staff sign-in));");
        // the certificates issued, a withdrawn one with when and why
        assertThat(section(body, "aria-label=\"Certificates issued for Series 21\"", 600)).contains("KAT-AAAA-BBBB-CCCC (version 1)")
                .contains("issued Sat Jan 9, 2027 3:00 PM PST").contains("withdrawn Sun Jan 10, 2027 10:30 AM PST: hours of M2 withdrawn: sign-out sheet");
        assertThat(section(body, "id=\"registration-r-0\"", 900)).contains("Registered as Dana Old, license LCSW-1 (NV): its hours and certificate are under these.");
        assertThat(body.split("Registered as", -1)).as("only the registration under other details").hasSize(2);
        assertThat(body).contains("href=\"/transcripts/c-1.pdf\"").contains("href=\"/transcripts/c-1.csv\"")
                .doesNotContain("certificates.pdf").contains("href=\"/audit/clinicians/c-1\"").contains("href=\"/audit/registrations/r-1\"");
    }

    /** A sign-in form sent without its CSRF token is the 403 "form not accepted" page, not a silent return to the sign-in page. */
    @Test
    void aSignInFormWithoutItsTokenSaysTheFormWasNotAccepted() throws Exception {
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> in = post("/login", Map.of("username", "admin", "password", "admin-test-password"), false);
        assertThat(in.statusCode()).isEqualTo(403);
        assertThat(in.body()).contains("this form was not accepted").contains("Nothing was changed");
        assertThat(get("/").statusCode()).as("not signed in").isEqualTo(302);
    }

    /**
     * Signing in returns to the page that was asked for, its filters kept (a fresh reviewer's ledger link, opened before
     * signing in, led to the home page and its filters were lost); with nothing asked for, to the home page.
     */
    @Test
    void signingInReturnsToThePageAskedForWithItsFilters() throws Exception {
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> asked = get("/credit?clinicianId=dana");
        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(asked.headers().firstValue("Location").orElseThrow()).matches(".*/login\\?return=[A-Za-z0-9_-]{43}");
        HttpResponse<String> in = signInFrom(asked, "finance");
        assertThat(in.statusCode()).isEqualTo(302);
        String back = in.headers().firstValue("Location").orElseThrow();
        assertThat(back).isEqualTo("http://localhost:" + port + "/credit?clinicianId=dana");
        fake.readUris.clear();
        fake.reads = uri -> uri.startsWith("/api/credit/dana") ? Map.of("balance", "12.00", "items", List.of(), "page", 0, "size", 25,
                "totalItems", 0) : null;
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(back)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Balance: $12.00");
        assertThat(fake.readUris).anyMatch(u -> u.startsWith("/api/credit/dana"));

        // the query as it was sent, names Spring Security itself uses and empty names included (a fresh reviewer's)
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> odd = signInFrom(get("/credit?clinicianId=dana&continue=b&=x&flag"), "finance");
        assertThat(odd.headers().firstValue("Location").orElseThrow())
                .isEqualTo("http://localhost:" + port + "/credit?clinicianId=dana&continue=b&=x&flag");

        // the icon a browser fetches on the sign-in page is not a page to return to
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> ledger = get("/ledger?reference=x");
        HttpResponse<String> icon = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/favicon.ico"))
                .header("Accept", "image/avif,image/webp,*/*").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(icon.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(signInFrom(ledger, "finance").headers().firstValue("Location").orElseThrow())
                .isEqualTo("http://localhost:" + port + "/ledger?reference=x");

        // several signed-out tabs: each tab's sign-in returns to the page that tab asked for (a fresh reviewer's: Spring Security
        // keeps one page per session, and both tabs led to the page the last one asked for); a tab whose sign-in page is
        // reloaded once another tab has signed in goes straight to its page; a failed attempt keeps the page
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> tabA = get("/ledger?reference=a");
        HttpResponse<String> tabB = get("/credit?clinicianId=b");
        HttpResponse<String> wrong = signInFrom(tabA, "finance", "not-the-password");
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).matches(".*/login\\?error&return=[A-Za-z0-9_-]{43}");
        HttpResponse<String> fromA = signInFrom(wrong, "finance", "finance-test-password");
        assertThat(fromA.headers().firstValue("Location").orElseThrow()).isEqualTo("http://localhost:" + port + "/ledger?reference=a");
        URI signInB = URI.create(tabB.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> reloadB = get(signInB.getRawPath() + "?" + signInB.getRawQuery());
        assertThat(reloadB.statusCode()).isEqualTo(302);
        assertThat(reloadB.headers().firstValue("Location").orElseThrow()).isEqualTo("http://localhost:" + port + "/credit?clinicianId=b");
        // each page is returned to once; a made-up key leads home
        assertThat(signInFrom(tabA, "finance").headers().firstValue("Location").orElseThrow()).isEqualTo("http://localhost:" + port + "/");
        assertThat(post("/login?return=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Map.of("username", "finance", "password", "finance-test-password",
                "return", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), true).headers().firstValue("Location").orElseThrow()).isEqualTo("http://localhost:" + port + "/");
        assertThat(get("/login?return=%3Cscript%3E").body()).doesNotContain("<script>").doesNotContain("name=\"return\"");
        // an address too long to be returned to (its redirect would overflow the response's headers, a fresh reviewer's 500
        // that lost the new session) leads home
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> long_ = get("/ledger?reference=" + "a".repeat(7900));
        assertThat(long_.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(signInFrom(long_, "finance").headers().firstValue("Location").orElseThrow()).isEqualTo("http://localhost:" + port + "/");

        // a part of a page that htmx refreshes (the projections table every 2 s) while signed out: the page is reloaded, never
        // the sign-in page swapped into the table (a fresh reviewer's), and another origin's address is not followed
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        for (String[] c : new String[][]{{"http://localhost:" + port + "/projections?x=%2B1", "/projections?x=%2B1"},
                {"http://evil.example/phish", "/"}, {"//evil.example/x", "/"}, {"nonsense with spaces", "/"},
                // too long for a response header (a fresh reviewer's 7,900 characters were a 500)
                {"http://localhost:" + port + "/projections?q=" + "a".repeat(5000), "/"}}) {
            HttpResponse<String> poll = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/projections?fragment=table"))
                    .header("HX-Request", "true").header("HX-Current-URL", c[0]).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(poll.statusCode()).as(c[0]).isEqualTo(401);
            assertThat(poll.headers().firstValue("HX-Redirect")).as(c[0]).hasValue(c[1]);
        }

        // the sign-in form with a broken query is refused like any other console request, and nobody is signed in by it
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String token = csrf();
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            String cookie = ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                    .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
            String form = "username=finance&password=finance-test-password&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /login?x=%ZZ HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nCookie: " + cookie
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\nConnection: close\r\n\r\n"
                    + form).getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 400").contains("percent-encoded");
        }
        assertThat(get("/ledger").statusCode()).as("not signed in").isEqualTo(302);

        // nothing asked for: the home page
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> plain = post("/login", Map.of("username", "finance", "password", "finance-test-password"), true);
        assertThat(plain.headers().firstValue("Location").orElseThrow()).isEqualTo("http://localhost:" + port + "/");

        // signed in, but a service no longer accepts the session (a password changed, a token revoked): signing in again
        // returns to the page, and the sign-in page is shown, not the page again (which would lead back to it)
        fake.reads = uri -> {
            throw new ServiceProblem(401, "unauthorized", "Unauthorized", "Full authentication is required.", null);
        };
        HttpResponse<String> refused = get("/ledger?reference=z");
        assertThat(refused.headers().firstValue("Location").orElseThrow()).matches(".*/login\\?expired&return=[A-Za-z0-9_-]{43}");
        HttpResponse<String> refusedToo = get("/ledger?reference=y");
        URI signInToo = URI.create(refusedToo.headers().firstValue("Location").orElseThrow());
        assertThat(get(signInToo.getRawPath() + "?" + signInToo.getRawQuery()).body()).as("still the refused sign-in: the form")
                .contains("name=\"password\"");
        // the same refusal met by a part of a page htmx refreshes: the page is reloaded (401 with HX-Redirect), never the
        // sign-in page swapped into the part (a fresh reviewer's)
        HttpResponse<String> part = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ledger?reference=z"))
                .header("HX-Request", "true").header("HX-Current-URL", "http://localhost:" + port + "/ledger?reference=z").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(part.statusCode()).isEqualTo(401);
        assertThat(part.headers().firstValue("HX-Redirect")).hasValue("/ledger?reference=z");
        assertThat(part.body()).doesNotContain("name=\"password\"");
        fake.reads = uri -> null;
        // a failed sign-in there says so, though the session still holds the refused sign-in (a fresh reviewer's went to the
        // page and back to "Your session has ended")
        HttpResponse<String> failed = signInFrom(refused, "finance", "not-the-password");
        URI failedPage = URI.create(failed.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> said = get(failedPage.getRawPath() + "?" + failedPage.getRawQuery());
        assertThat(said.statusCode()).isEqualTo(200);
        assertThat(said.body()).contains("That name and password do not match a staff user.");
        assertThat(signInFrom(refused, "finance").headers().firstValue("Location").orElseThrow())
                .isEqualTo("http://localhost:" + port + "/ledger?reference=z");
        // the other tab's expired sign-in page, reloaded once this one has signed in again: straight to its page (a fresh
        // reviewer's showed the form again)
        HttpResponse<String> reloaded = get(signInToo.getRawPath() + "?" + signInToo.getRawQuery());
        assertThat(reloaded.statusCode()).isEqualTo(302);
        assertThat(reloaded.headers().firstValue("Location").orElseThrow()).isEqualTo("http://localhost:" + port + "/ledger?reference=y");
    }

    /** The clinician search lists waitlist places too: no registration link, the clinician id compliance records an erasure with. */
    @Test
    void aWaitlistPlaceInTheClinicianSearchShowsTheClinicianIdAndNoRegistrationLink() throws Exception {
        signIn("compliance");
        Map<String, Object> place = new LinkedHashMap<>();
        place.put("clinicianId", "c-wait");
        place.put("registrationId", null);
        place.put("seriesId", "series-31");
        place.put("fullName", "Wanda Waiting");
        place.put("email", "wanda@example.org");
        place.put("licenseNumber", null);
        place.put("licenseState", null);
        place.put("registeredAt", "2026-11-20T17:00:00Z");
        place.put("status", "WAITLIST_LEFT");
        place.put("certificate", false);
        fake.reads = uri -> uri.startsWith("/api/clinicians") ? Map.of("items", List.of(place), "page", 0, "size", 20, "totalItems", 1) : null;
        HttpResponse<String> page = get("/clinicians?q=Wanda");
        assertThat(page.statusCode()).isEqualTo(200);
        // a tab or line break pasted with the name is a space; another control character is refused at the input, nothing asked
        fake.readUris.clear();
        assertThat(get("/clinicians?q=Wanda%09Waiting%0A").statusCode()).isEqualTo(200);
        assertThat(fake.readUris).singleElement().satisfies(u -> assertThat(u).containsPattern("q=Wanda Waiting(&|$)").doesNotContain("%09").doesNotContain("\t"));
        fake.readUris.clear();
        String refused = get("/clinicians?q=Wanda%01").body();
        assertThat(section(refused, "id=\"q-error\"")).contains("The search text has a control character");
        assertThat(fake.readUris).isEmpty();
        String row = section(page.body(), "id=\"matches\"", 2_000);
        assertThat(row).contains("Wanda Waiting").contains("waitlist place: left").contains("Clinician id c-wait")
                .contains("href=\"/audit/clinicians/c-wait\"").doesNotContain("/audit/registrations/").doesNotContain("null")
                .doesNotContain("/transcripts/c-wait"); // no CE record without a registration (a reviewer's 404)
    }

    @Test
    void theCertificatePageHasTheAccreditorsFieldsItsVerificationLinkAndItsPdf() throws Exception {
        signIn("compliance");
        Map<String, Object> certificate = new LinkedHashMap<>(Map.of("participant", "Dana Rivera", "licenseNumber", "LCSW-88123",
                "licenseState", "CA", "program", "KAT Training", "provider", "Polaris Insight Center", "series", "Series 21",
                "format", "live interactive online", "totalHours", 16, "verificationCode", "KAT-1A2B-3C4D-5E6F"));
        certificate.put("verificationUrl", "https://kat.example.org/verify/KAT-1A2B-3C4D-5E6F");
        certificate.put("modules", List.of(Map.of("moduleCode", "M2", "moduleTitle", "Workshop", "date", "2027-01-09", "ceHours", 8),
                Map.of("moduleCode", "M1", "moduleTitle", "Introduction", "date", "2026-12-05", "ceHours", 8)));
        fake.reads = uri -> uri.startsWith("/api/certificates/r-1") ? certificate : null;
        String body = get("/certificates/r-1").body();
        assertThat(body).contains("Certificate of Series 21: Dana Rivera").contains("<dd>LCSW-88123</dd>").contains("<dd>CA</dd>")
                .contains("Polaris Insight Center").contains("live interactive online").contains("Sat Dec 5, 2026 – Sat Jan 9, 2027")
                .contains("KAT-1A2B-3C4D-5E6F").contains("href=\"https://kat.example.org/verify/KAT-1A2B-3C4D-5E6F\"")
                .contains("href=\"/certificates/r-1.pdf\"").contains("href=\"/audit/registrations/r-1\"");
    }

    @Test
    void theTranscriptAndCertificateDocumentsAreRelayedAsDownloadsWithTheServicesTypeAndName() throws Exception {
        signIn("compliance");
        byte[] pdf = "%PDF-1.7 test".getBytes(StandardCharsets.US_ASCII);
        fake.files = path -> path.endsWith(".csv")
                ? ResponseEntity.ok().header("Content-Type", "text/csv;charset=UTF-8").header("Content-Disposition", "attachment; filename=\"ce-transcript.csv\"")
                        .body("program,series\r\n".getBytes(StandardCharsets.UTF_8))
                : ResponseEntity.ok().header("Content-Type", "application/pdf").header("Content-Disposition", "attachment; filename=\"certificate-KAT-1.pdf\"").body(pdf);
        for (String path : List.of("/transcripts/c-1.pdf", "/transcripts/c-1/certificates.pdf", "/certificates/r-1.pdf")) {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).as(path).isEqualTo("application/pdf");
            assertThat(answer.headers().firstValue("Content-Disposition").orElseThrow()).as(path).startsWith("attachment").contains("certificate-KAT-1.pdf");
            assertThat(answer.body()).as(path).isEqualTo(pdf);
            assertThat(fake.readUris).last().as(path).isEqualTo("/api" + path);
        }
        HttpResponse<String> csv = get("/transcripts/c-1.csv");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("ce-transcript.csv");
        // the service's bytes after the UTF-8 byte order mark the console puts in front of a CSV (for a spreadsheet)
        assertThat(csv.body()).startsWith("\ufeffprogram,series");

        signIn("finance"); // the documents are compliance's
        assertThat(get("/transcripts/c-1.pdf").statusCode()).isEqualTo(403);
    }

    /** Found by a new user: a refusal for a refund not among the entries the page returns to had been dropped silently. */
    @Test
    void aRefusedPayoutWhoseEntryIsNotOnThePageIsShownAtTheTopNotDropped() throws Exception {
        fake.reads = ledger(List.of(refund("e-other", "r-other", "1050.00", "PENDING")), 1);
        fake.refusal = new ServiceProblem(404, "registration-not-found", "Registration not found", "No registration r-gone in series series-21.", null);
        signIn("finance");
        HttpResponse<String> refused = post("/ledger/payouts", Map.of("seriesId", "series-21", "registrationId", "r-gone", "outcome", "SETTLED",
                "reference", "re_x"), true);
        assertThat(refused.statusCode()).isEqualTo(302);
        String page = get(URI.create(refused.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(page, "class=\"problem\" role=\"alert\"")).contains("Payout not recorded").contains("No registration r-gone")
                .contains("registration r-gone").contains("not among the entries shown here");
        assertThat(page).doesNotContain("recorded as");
    }

    @Test
    void aRefusedPayoutIsShownAtItsFieldInTheEntrysFormWithWhatWasEntered() throws Exception {
        fake.reads = ledger(List.of(refund("e-pending", "r-pending", "1050.00", "PENDING")), 1);
        fake.refusal = new ServiceProblem(422, "invalid-payout", "Invalid payout", "A failed payout needs the reason the processor gave (failureReason).", null);
        signIn("finance");
        HttpResponse<String> refused = post("/ledger/payouts", Map.of("seriesId", "series-21", "registrationId", "r-pending", "outcome", "FAILED",
                "reference", "re_typed"), true);
        assertThat(refused.statusCode()).isEqualTo(302);
        String page = get(URI.create(refused.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(page, "id=\"failure-error-e-pending\"")).contains("Payout not recorded. Give the failure reason the processor gave.");
        assertThat(section(page, "id=\"failure-e-pending\"")).contains("aria-describedby=\"failure-error-e-pending\"").contains("aria-invalid=\"true\"");
        assertThat(tag(page, "id=\"reference-e-pending\"")).contains("value=\"re_typed\"").doesNotContain("aria-describedby");
        assertThat(section(page, "id=\"outcome-e-pending\"")).contains("value=\"FAILED\" selected");
        assertThat(page).doesNotContain("class=\"problem\"").doesNotContain("recorded as");
        assertThat(fake.commands).isEmpty();
        assertThat(LedgerPages.payoutField(new ServiceProblem(422, "invalid-payout", "", "", null), "SETTLED")).isEqualTo("reference");
        assertThat(LedgerPages.payoutField(new ServiceProblem(409, "refund-already-settled", "", "", null), "SETTLED")).isEqualTo("outcome");
        // a count of payouts seen above every outcome recorded (a stale or changed page) is the form's, not an input's
        for (String outcome : new String[]{"SETTLED", "FAILED", "REVERSED"}) {
            assertThat(LedgerPages.payoutErrors(new ServiceProblem(422, "invalid-payout", "Invalid payout", "payoutsSeen is 5, more than the 1"
                    + " payout outcome ever recorded for the refund of registration r-1 (outcomes are never removed). Send the ledger's"
                    + " payoutsRecorded for this refund.", "payoutsSeen"), outcome)).as(outcome)
                    .containsExactly(Map.entry("form", "Payout not recorded. This page counted more payouts of this refund than were ever"
                            + " recorded (it was changed, or is from another system); nothing was recorded. Open the ledger again and choose"
                            + " the outcome there."));
        }
        assertThat(LedgerPages.payoutField(new ServiceProblem(400, "invalid-request", "", "", null, Map.of("failureReason", "at most 500 characters")),
                "SETTLED")).isEqualTo("failureReason");
        // the service's refusals name API fields and outcomes ("send failureReason only with FAILED or REVERSED"): the form's words
        Map<String, String[]> refusals = Map.of(
                "SETTLED failureReason", new String[]{"A settled payout has no failure reason; send failureReason only with FAILED or REVERSED.",
                        "Payout not recorded. A settled payout has no failure reason: clear the failure reason, or choose failed or reversed."},
                "FAILED processorRefundReference", new String[]{"A failed payout records the processor's reason, not a refund reference; send "
                        + "processorRefundReference only with SETTLED.", "Payout not recorded. A failed payout has no refund reference (the "
                        + "processor gives a reason instead): clear the reference, or choose settled."},
                "REVERSED processorRefundReference", new String[]{"A reversal undoes the settled payout re_1 and names it itself; send no "
                        + "processorRefundReference (or that one).", "Payout not recorded. A reversal names the settled payout's reference itself: "
                        + "leave the processor's refund reference empty."},
                // the reversed payout's own reference again (a fresh reviewer's form had said "Give the processor's refund reference")
                "SETTLED processorRefundReference", new String[]{"The processor's refund reference re_1 is the payout of this refund that was"
                        + " reversed; a new payout has a new reference from the processor.", "Payout not recorded. This reference is the payout of"
                        + " this refund that the processor reversed; a new payout has a new reference: type the new payout's reference."});
        refusals.forEach((k, v) -> {
            String[] outcomeAndField = k.split(" ");
            Map<String, String> errors = LedgerPages.payoutErrors(new ServiceProblem(422, "invalid-payout", "Invalid payout", v[0], outcomeAndField[1]),
                    outcomeAndField[0]);
            assertThat(errors).as(k).containsExactly(Map.entry(outcomeAndField[1].equals("failureReason") ? "failureReason" : "reference", v[1]));
        });
        // a character no processor prints: the service's words, not "Give the processor's refund reference" (a fresh reviewer's é)
        String accent = "A processor's refund reference is printed in letters A-Z, digits and ASCII punctuation; this one holds U+00E9,"
                + " which no processor's reference has: copy the reference from the processor's record.";
        assertThat(LedgerPages.payoutErrors(new ServiceProblem(422, "invalid-payout", "Invalid payout", accent, "processorRefundReference"), "SETTLED"))
                .containsExactly(Map.entry("reference", "Payout not recorded. " + accent));
        // a reference another refund's settled payout took, in the service's words (RefundReference.taken): the form names that
        // refund, not this one's reversed payout (a fresh reviewer's; the service's words had changed under the console's pattern)
        assertThat(LedgerPages.payoutErrors(new ServiceProblem(422, "invalid-payout", "Invalid payout", "The processor's refund reference re_1"
                + " already settled the refund of registration r-7 (Series 21), whether or not that payout was reversed since; a processor"
                + " refund pays one refund. Check the reference in the processor's records.", "processorRefundReference"), "SETTLED"))
                .containsExactly(Map.entry("reference", "Payout not recorded. This reference already settled the refund of registration r-7"
                        + " (Series 21), another refund than this one; one processor refund pays one refund: check the reference in the"
                        + " processor's records and type this payout's own."));
        assertThat(LedgerPages.payoutErrors(new ServiceProblem(400, "malformed-request", "Malformed request body", ServiceProblem.unusableText(
                "Field 'processorRefundReference' has a value that cannot be used: text may not contain control character U+0001"),
                "processorRefundReference"), "SETTLED"))
                .containsExactly(Map.entry("reference", "Payout not recorded. Processor's refund reference: it has an invisible character (U+0001), "
                        + "pasted with it perhaps; type it again."));
        // any other refusal of the body at that field: the form's label, not the API's field name (a fresh reviewer's U+202E)
        assertThat(LedgerPages.payoutErrors(new ServiceProblem(400, "malformed-request", "Malformed request body", ServiceProblem.unusableText(
                "Field 'processorRefundReference' has a value that cannot be used: text may not contain the bidirectional control character U+202E"),
                "processorRefundReference"), "SETTLED"))
                .containsExactly(Map.entry("reference", "Payout not recorded. Processor's refund reference has a value that cannot be used: text "
                        + "may not contain the bidirectional control character U+202E"));
        // a pasted tab or line break in the reference (an identifier), or a reference of punctuation alone ("---"): the service's
        // printable-text refusal in the form's words, both of its halves (a fresh reviewer's "---" was told it had an invisible character)
        assertThat(LedgerPages.payoutErrors(new ServiceProblem(400, "invalid-request", "Invalid request", "…", null, Map.of("processorRefundReference",
                "must be printable text: at least one letter or digit, and no invisible formatting, direction or line separator characters")), "SETTLED"))
                .containsExactly(Map.entry("reference", "Payout not recorded. Processor's refund reference: it must hold a letter or a digit, and"
                        + " no tab, line break or other invisible character (pasted with it, perhaps); type it again as the processor prints it."));
    }

    @Test
    void withASeriesFilterTheCreditOutstandingIsLabelledAsAllSeries() throws Exception {
        fake.reads = ledger(List.of(), 0);
        signIn("finance");
        assertThat(section(get("/ledger").body(), "id=\"credit-outstanding-label\"")).startsWith("id=\"credit-outstanding-label\">Credit outstanding at the end<");
        assertThat(section(get("/ledger?seriesId=series-21").body(), "id=\"credit-outstanding-label\"")).contains("all series")
                .contains("the series filter does not apply to it");
    }

    /**
     * Finance lists one clinician's money across their registrations: each entry links its clinician's entries, the credit page
     * links them too, and the clinician filter reaches the entries, the CSV, the pager and the payout form, not the totals (a
     * fresh reviewer's finance officer had the filter in the API only).
     */
    @Test
    void theLedgerListsOneCliniciansEntriesFromEachEntryAndFromTheirCredit() throws Exception {
        Map<String, Object> entry = refund("e-1", "r-1", "2175.00", "PENDING");
        entry.put("clinicianId", "c-1");
        fake.reads = ledger(List.of(entry), 1);
        signIn("finance");
        String page = get("/ledger").body();
        assertThat(page).contains("href=\"/ledger?clinicianId=c-1\"").contains("Ledger entries of clinician c-1");
        // paid is settled less reversed, and the reversals have their own line (a fresh reviewer's negative "Refunds paid")
        assertThat(section(page, "id=\"totals\"", 1500)).contains("Refunds paid (settled less reversed)").contains("Payouts reversed by the processor");
        String filterForm = section(page, "id=\"ledger-filter\"", 20000);
        assertThat(filterForm.substring(0, filterForm.indexOf("</form>"))).as("a GET form carries no CSRF token into the address")
                .doesNotContain("_csrf");
        fake.readUris.clear();
        HttpResponse<String> one = get("/ledger?clinicianId=%20c-1%20");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(fake.readUris).filteredOn(u -> u.startsWith("/api/ledger/entries")).singleElement()
                .satisfies(u -> assertThat(param(u, "clinicianId")).isEqualTo("c-1"));
        assertThat(fake.readUris).filteredOn(u -> u.startsWith("/api/ledger/totals")).isNotEmpty()
                .allSatisfy(u -> assertThat(u).doesNotContain("clinicianId"));
        assertThat(tag(one.body(), "id=\"clinicianId\"")).contains("value=\"c-1\"");
        assertThat(tag(one.body(), "id=\"csv\"")).contains("clinicianId=c-1\"");
        assertThat(section(one.body(), "id=\"totals\"")).contains("the type, reference, registration and clinician filters do not apply to totals");
        assertThat(one.body()).contains("name=\"filterClinicianId\" value=\"c-1\"");
        assertThat(LedgerPages.pageBase(null, null, null, null, null, null, "c-1")).isEqualTo("/ledger?clinicianId=c-1");
        fake.readUris.clear();
        fake.downloads.clear();
        get("/ledger/entries.csv?clinicianId=c-1");
        assertThat(fake.downloads).singleElement().satisfies(u -> assertThat(u).startsWith("/api/ledger/entries.csv").contains("clinicianId=c-1"));
        assertThat(one.body()).as("entries found: nothing to check").doesNotContain("id=\"no-entries\"");

        // a filter that finds nothing says what to check, from each id looked up alone: entries outside the other filters, an id
        // typed in the other id's field, or none anywhere with an id's form (fresh reviewers: a malformed id read only "0 in
        // all"; then a filtered-out registration read as one that exists nowhere)
        Function<String, Map<String, Object>> alone = ledger(List.of(), 0);
        fake.reads = uri -> {
            if (uri.startsWith("/api/ledger/entries") && "1".equals(param(uri, "size"))) {
                if ("r-unlucky".equals(param(uri, "registrationId"))) {
                    throw new ServiceProblem(503, "service-unreachable", "Service unreachable", "The projection service did not answer.", null);
                }
                long n = "r-out".equals(param(uri, "registrationId")) ? 3 : "c-typed-as-registration".equals(param(uri, "clinicianId")) ? 2
                        : "ch_elsewhere".equals(param(uri, "reference")) ? 1 : 0;
                return Map.of("items", List.of(), "page", 0, "size", 1, "totalItems", n);
            }
            return alone.apply(uri);
        };
        HttpResponse<String> none = get("/ledger?registrationId=%20r-out%20&from=2025-01-01&to=2025-02-01");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(section(none.body(), "id=\"no-entries\"", 300)).contains("Registration &#39;r-out&#39; has 3 entries, none within the other"
                + " filters set (period): widen or clear them.");
        assertThat(fake.readUris).filteredOn(u -> "1".equals(param(u, "size"))).as("looked up alone, without the period")
                .allSatisfy(u -> assertThat(param(u, "from")).isNull());
        assertThat(section(get("/ledger?registrationId=c-typed-as-registration").body(), "id=\"no-entries\"", 300))
                .contains("&#39;c-typed-as-registration&#39; is a clinician&#39;s id, not a registration&#39;s (2 entries): use the Clinician filter.");
        assertThat(section(get("/ledger?clinicianId=9C522CFA-5C60-30FB-98D8-4F887B3245FB&reference=ch_elsewhere").body(), "id=\"no-entries\"", 400))
                .contains("Reference &#39;ch_elsewhere&#39; has 1 entry, none within the other filters set (clinician): widen or clear them")
                .contains("; no ledger entry names clinician &#39;9C522CFA-5C60-30FB-98D8-4F887B3245FB&#39;: check it.");
        // no other filter set: the look-up found what the page's read did not, so it was recorded in between
        assertThat(LedgerPages.noEntries(0, null, "r-new", null, List.of("registration"), (name, value) -> 1L))
                .isEqualTo("Registration 'r-new' has 1 entry now, recorded after this page's entries were read: reload the page.");
        // a look-up that fails leaves the page standing (filters, totals, entries), and says it could not check
        HttpResponse<String> unlucky = get("/ledger?registrationId=r-unlucky&seriesId=series-20");
        assertThat(unlucky.statusCode()).isEqualTo(200);
        assertThat(unlucky.body()).contains("id=\"totals\"");
        assertThat(section(unlucky.body(), "id=\"no-entries\"", 300)).contains("Registration &#39;r-unlucky&#39; could not be looked up alone just"
                + " now: check it and the other filters.");
        assertThat(section(get("/ledger?registrationId=r-9").body(), "id=\"no-entries\"", 300)).contains("No ledger entry names registration"
                + " &#39;r-9&#39; (registration ids are UUIDs: 32 hexadecimal digits in groups of 8-4-4-4-12): check it.");
        assertThat(get("/ledger").body()).as("no id filter: the pager's count says it").doesNotContain("id=\"no-entries\"");
    }

    /**
     * A charge that more than one payment names is flagged at the payment with the sum, linked to the ledger filtered by it; the
     * reference filter reaches the entries and the CSV, not the totals, and the payout form keeps it (a fresh reviewer's: nothing
     * flagged a reused charge reference).
     */
    @Test
    void aChargeNamedByMoreThanOnePaymentIsFlaggedAndTheLedgerFiltersByReference() throws Exception {
        Map<String, Object> shared = refund("e-1", "r-1", "2175.00", null);
        shared.putAll(Map.of("type", "PAYMENT_RECEIVED", "clinicianId", "c-1", "reference", "ch_shared", "retained", "0.00"));
        shared.put("rule", null);
        shared.put("policyVersion", null);
        shared.put("paymentsUnderReference", 2);
        shared.put("paidUnderReference", "4275.00");
        Map<String, Object> own = new LinkedHashMap<>(shared);
        own.putAll(Map.of("entryId", "e-2", "registrationId", "r-2", "reference", "ch_own", "paymentsUnderReference", 1, "paidUnderReference", "2100.00"));
        fake.reads = ledger(List.of(shared, own), 2);
        signIn("finance");
        String page = get("/ledger").body();
        assertThat(page).contains("named by 2 payments, $4,275.00 in all").contains("href=\"/ledger?reference=ch_shared\"")
                .doesNotContain("named by 1 payments");
        fake.readUris.clear();
        HttpResponse<String> filtered = get("/ledger?reference=%20ch_shared%20");
        assertThat(filtered.statusCode()).isEqualTo(200);
        assertThat(fake.readUris).filteredOn(u -> u.startsWith("/api/ledger/entries")).singleElement()
                .satisfies(u -> assertThat(param(u, "reference")).isEqualTo("ch_shared"));
        assertThat(fake.readUris).filteredOn(u -> u.startsWith("/api/ledger/totals")).allSatisfy(u -> assertThat(u).doesNotContain("reference"));
        assertThat(tag(filtered.body(), "id=\"reference\"")).contains("value=\"ch_shared\"");
        // the totals are the period's and series', and say the reference filter does not narrow them (a fresh reviewer's)
        assertThat(section(filtered.body(), "id=\"totals\"")).contains("the type, reference, registration and clinician filters do not apply to totals");
        assertThat(section(page, "id=\"totals\"")).contains("(the type filter does not apply to totals)");
        assertThat(tag(filtered.body(), "id=\"csv\"")).contains("reference=ch_shared&amp;");
        assertThat(LedgerPages.filter(null, null, null, null, "  ", " ", " ")).doesNotContainKey("reference").doesNotContainKey("registrationId")
                .doesNotContainKey("clinicianId");
        assertThat(LedgerPages.pageBase(null, null, null, null, "ch_shared", null, null)).isEqualTo("/ledger?reference=ch_shared");
        // each entry's registration id lists that registration's entries: its payment, refund decision, payouts, credit
        assertThat(page).contains("href=\"/ledger?registrationId=r-1\"");
        fake.readUris.clear();
        HttpResponse<String> one = get("/ledger?registrationId=r-1");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(fake.readUris).filteredOn(u -> u.startsWith("/api/ledger/entries")).singleElement()
                .satisfies(u -> assertThat(param(u, "registrationId")).isEqualTo("r-1"));
        assertThat(fake.readUris).filteredOn(u -> u.startsWith("/api/ledger/totals")).allSatisfy(u -> assertThat(u).doesNotContain("registrationId"));
        assertThat(tag(one.body(), "id=\"registrationId\"")).contains("value=\"r-1\"");
        assertThat(tag(one.body(), "id=\"csv\"")).contains("registrationId=r-1&amp;");
        assertThat(LedgerPages.pageBase(null, null, null, null, null, "r-1", null)).isEqualTo("/ledger?registrationId=r-1");
        // the pager's links carry a reference encoded whole (a + had come back as a space, braces as an address refused)
        assertThat(LedgerPages.pageBase(null, null, null, null, "ch_{x}+&#%\"é", null, null))
                .isEqualTo("/ledger?reference=ch_%7Bx%7D%2B%26%23%25%22%C3%A9");
        assertThat(LedgerPages.pageBase("2026-11-01", null, "series-21", null, "ch_A+B", null, null))
                .isEqualTo("/ledger?from=2026-11-01&seriesId=series-21&reference=ch_A%2BB");
    }

    /**
     * A page's query parameter with a broken percent-encoding is a 400 page naming it, not the page without the parameter (a
     * fresh reviewer's {@code /ledger?reference=%ZZ} showed, and its CSV downloaded, the whole ledger).
     */
    @Test
    void aBrokenPercentEncodingIsRefusedNotDropped() throws Exception {
        fake.reads = ledger(List.of(), 0);
        signIn("finance");
        String cookie = ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        for (String path : new String[]{"/ledger?reference=%ZZ", "/ledger/entries.csv?reference=%", "/ledger?registrationId=%2",
                "/ledger?reference=%FF", "/ledger?reference=%C3%28", "/credit?clinicianId=%ZZ", "/ledger?%ZZ=1"}) {
            fake.readUris.clear();
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nCookie: " + cookie
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(path).startsWith("HTTP/1.1 400").contains("percent-encoded");
            }
            assertThat(fake.readUris).as(path + ": nothing read").isEmpty();
        }
    }

    /**
     * A path with a broken percent-encoding (after a {@code ;} too) is the 400 page, signed in or not, not a 500 with a logged stack
     * trace; a form field with bytes that are no UTF-8 is refused, not recorded with U+FFFD; a broken encoding in a form is said
     * in words (fresh reviewers' findings).
     */
    @Test
    void aBrokenPathOrFormEncodingIsThe400Page() throws Exception {
        // and the actuator's query, which no page's check sees (its health answered as if the parameter had not been sent)
        for (String path : new String[]{"/ledger;x=%ZZ", "/;x=%ZZ", "/login;jsessionid=%ZZ", "/css/console.css;x=%C3%28", "/actuator/health?x=%ZZ",
                "/series/%ZZ", "/ledger%FF"}) {
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(path).startsWith("HTTP/1.1 400").contains("percent-encoded").doesNotContain("Exception");
            }
        }
        fake.reads = ledger(List.of(refund("e-1", "r-1", "1050.00", "PENDING")), 1);
        signIn("finance");
        int commands = fake.commands.size();
        HttpResponse<String> notUtf8 = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ledger/payouts"))
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("seriesId=series-21&registrationId=r-1&outcome=FAILED&failureReason=Bank+closed%C3%28x&_csrf="
                        + URLEncoder.encode(csrf(), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notUtf8.statusCode()).isEqualTo(400);
        assertThat(notUtf8.body()).contains("The field failureReason holds bytes that are no UTF-8 text");
        HttpResponse<String> broken = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ledger/payouts"))
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("seriesId=series-21&registrationId=r-1&outcome=FAILED&failureReason=Bank%ZZ&_csrf="
                        + URLEncoder.encode(csrf(), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("not percent-encoded as forms are").doesNotContain("URL_DECODING");
        assertThat(fake.commands).as("nothing sent").hasSize(commands);
        // a refused filter offers no CSV of it
        assertThat(get("/ledger?from=2026-13-01").body()).contains("from-error").doesNotContain("id=\"csv\"");
    }

    /**
     * Query values reach the services percent-encoded whole, as the relay's HTTP client builds its URIs (a fresh reviewer's
     * {@code ch_{id}} was a 500, read as a URI template, and {@code ch_A+B} found nothing: the + arrived as a space).
     */
    @Test
    void queryValuesAreSentEncodedWhole() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("reference", "ch_{id}+B &x=1#");
        query.put("seriesId", null);
        query.put("type", " ");
        query.put("from", "2026-11-01T08:00:00Z");
        org.springframework.web.util.DefaultUriBuilderFactory factory = new org.springframework.web.util.DefaultUriBuilderFactory("http://projection:8082");
        assertThat(ApiRelay.withQuery(factory.builder(), "/api/ledger/entries", query, false).toString())
                .isEqualTo("http://projection:8082/api/ledger/entries?reference=ch_%7Bid%7D%2BB%20%26x%3D1%23&from=2026-11-01T08%3A00%3A00Z");
        assertThat(ApiRelay.withQuery(factory.builder(), "/api/x", query, true).toString()).contains("type=%20");
    }

    /** A fresh reviewer's padded " series-20 " reached one of the page's queries as typed; "20" is how the series lists name it. */
    @Test
    void theSeriesFilterIsReadWithoutItsSpacesAndABareNumberIsTheSeries() throws Exception {
        fake.reads = ledger(List.of(), 0);
        signIn("finance");
        for (String typed : List.of("%20series-20%20", "20", "%2020")) {
            fake.readUris.clear();
            assertThat(get("/ledger?seriesId=" + typed).statusCode()).as(typed).isEqualTo(200);
            // the entries, the totals and the chart's months each ask for Series 20 by its id
            assertThat(fake.readUris.stream().filter(u -> u.contains("seriesId="))).as(typed).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(u -> assertThat(u).containsPattern("seriesId=series-20(&|$)").doesNotContain("seriesId=%20").doesNotContain("seriesId=20"));
        }
        assertThat(LedgerPages.seriesFilter("  ")).isNull();
        assertThat(LedgerPages.seriesFilter("021")).isEqualTo("series-21");
        assertThat(LedgerPages.seriesFilter("series-7")).isEqualTo("series-7");
        assertThat(LedgerPages.seriesFilter("Series 20")).isEqualTo("series-20");
        assertThat(LedgerPages.seriesFilter("SERIES-20")).isEqualTo("series-20");
        assertThat(LedgerPages.seriesFilter("Series-020")).isEqualTo("series-20");
    }

    @Test
    void refusalsOfTheClassDayFormsAreShownAtTheirFieldWithWhatWasEntered() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/catalog/series/21") ? Map.of("seriesId", "series-21", "seriesNumber", 21, "price", "2100.00",
                "ceOptionPrice", "75.00", "totalCeHours", 8, "classDays", List.of(Map.of("classDayId", "M1-2026-12-05", "date", "2026-12-05", "moduleCode", "M1", "moduleTitle", "Intro",
                        "startsAt", "2026-12-05T17:00:00Z", "sharedWithSeries", List.of(), "ceHours", 8)))
                : uri.startsWith("/api/availability/series/series-21") ? Map.of("taken", 3, "capacity", 10, "held", 0, "free", 7, "waitlist", 0,
                "soldOut", false, "registration", "OPEN", "schedule", "UPCOMING") : null;
        signIn("admin");
        fake.refusal = new ServiceProblem(422, "class-day-in-past", "In the past", "The new date 2020-01-01 starts in the past.", null);
        String moved = post("/series/21/class-days/M1-2026-12-05/move", Map.of("newDate", "2020-01-01", "reason", "room booked"), true).body();
        assertThat(section(moved, "id=\"newDate-error-M1-2026-12-05\"")).contains("starts in the past");
        assertThat(section(moved, "id=\"newDate-M1-2026-12-05\"")).contains("value=\"2020-01-01\"").contains("aria-describedby=\"newDate-error-M1-2026-12-05\"");
        assertThat(section(moved, "id=\"moveReason-M1-2026-12-05\"")).contains("value=\"room booked\"");
        // a date taken, in the form's words: the series and the module, not the service's ids (a fresh reviewer's finding)
        fake.refusal = new ServiceProblem(422, "duplicate-date", "Duplicate date", "Series series-21 already runs M2-2027-01-11 on 2027-01-11; a "
                + "class day runs one module, 09:00-17:00 Pacific. Choose another date.", "newDate");
        String taken = post("/series/21/class-days/M1-2026-12-05/move", Map.of("newDate", "2027-01-11", "reason", "room booked"), true).body();
        assertThat(section(taken, "id=\"newDate-error-M1-2026-12-05\"")).contains("Series 21 already has a class day on Mon Jan 11, 2027 (M2): a "
                + "class day runs one module; choose another date.").doesNotContain("series-21").doesNotContain("M2-2027");
        fake.refusal = new ServiceProblem(409, "class-day-exists", "Class day exists", "Class day M1-2027-01-12 already runs M1 on 2027-01-12; one "
                + "live session per module a day: moving M1-2026-12-05 there would make two. Choose another date.", null);
        String twice = post("/series/21/class-days/M1-2026-12-05/move", Map.of("newDate", "2027-01-12", "reason", "room booked"), true).body();
        assertThat(section(twice, "id=\"newDate-error-M1-2026-12-05\"")).contains("Another class day already runs M1 on Tue Jan 12, 2027: one live "
                + "session per module a day; choose another date.");
        fake.refusal = new ServiceProblem(409, "make-up-places-held", "Held", "2 make-ups already hold places on this day.", null);
        String places = post("/series/21/class-days/M1-2026-12-05/make-up-places", Map.of("places", "1"), true).body();
        assertThat(section(places, "id=\"places-error-M1-2026-12-05\"")).contains("2 make-ups already hold places");
        assertThat(section(places, "id=\"places-M1-2026-12-05\"")).contains("value=\"1\"").contains("aria-describedby=\"places-error-M1-2026-12-05\"");
        fake.refusal = new ServiceProblem(422, "reason-required", "Say why", "A capacity change needs a reason.", null);
        String capacity = post("/series/21/capacity", Map.of("capacity", "12", "reason", " "), true).body();
        assertThat(section(capacity, "id=\"reason-error\"")).contains("needs a reason");
        assertThat(section(capacity, "id=\"capacity\"")).contains("value=\"12\"");
        // the service's own answer to a blank reason (400 invalid-request naming the field) is shown at the reason too, not
        // at the top of the form only (a fresh reviewer's finding)
        fake.refusal = new ServiceProblem(400, "invalid-request", "Invalid request",
                "Some fields are missing or malformed: [reason must not be blank]", null, Map.of("reason", "must not be blank"));
        String blank = post("/series/21/capacity", Map.of("capacity", "12", "reason", ""), true).body();
        assertThat(section(blank, "id=\"reason-error\"")).contains("Give the reason.");
        assertThat(section(blank, "id=\"reason\"")).contains("aria-describedby=\"reason-error\"");
        // a whole number too large to send is out of range, not "not a whole number" (a fresh reviewer's finding)
        String huge = post("/series/21/capacity", Map.of("capacity", "99999999999", "reason", "room"), true).body();
        assertThat(section(huge, "id=\"capacity-error\"")).contains("&#39;99999999999&#39; is out of range: far more than this field allows");
        String hugePlaces = post("/series/21/class-days/M1-2026-12-05/make-up-places", Map.of("places", "99999999999"), true).body();
        assertThat(section(hugePlaces, "id=\"places-error-M1-2026-12-05\"")).contains("is out of range");
        assertThat(fake.commands).isEmpty();
        // a move onto the date the day is on changes nothing, and the page says so, not "moved" (a fresh reviewer's finding)
        fake.refusal = null;
        HttpResponse<String> same = post("/series/21/class-days/M1-2026-12-05/move", Map.of("newDate", "2026-12-05", "reason", "room booked"), true);
        URI back = URI.create(same.headers().firstValue("Location").orElseThrow());
        assertThat(get(back.getRawPath() + (back.getRawQuery() == null ? "" : "?" + back.getRawQuery())).body())
                .contains("Class day M1-2026-12-05 is already on Sat Dec 5, 2026: nothing changed.").doesNotContain("moved to");
    }

    /** Found by a fresh reviewer: the make-up places field was empty although the day allowed 4. */
    @Test
    void aClassDaysMakeUpPlacesFieldShowsThePlacesItAllows() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/catalog/series/21") ? Map.of("seriesId", "series-21", "seriesNumber", 21, "price", "2100.00",
                "ceOptionPrice", "75.00", "totalCeHours", 8, "classDays", List.of(Map.of("classDayId", "M1-2099-12-05", "date", "2099-12-05", "moduleCode", "M1", "moduleTitle", "Intro",
                        "startsAt", "2099-12-05T17:00:00Z", "sharedWithSeries", List.of(), "ceHours", 8, "makeUpPlaces", 4)))
                : uri.startsWith("/api/availability/series/series-21") ? Map.of("taken", 3, "capacity", 10, "held", 0, "free", 7, "waitlist", 0,
                "soldOut", false, "registration", "OPEN", "schedule", "UPCOMING") : null;
        signIn("admin");
        assertThat(tag(get("/series/21").body(), "id=\"places-M1-2099-12-05\"")).contains("value=\"4\"");
    }

    /**
     * Found by a fresh reviewer: a series whose registration had closed still offered the capacity form, and a class day
     * that had started its move and make-up places forms, which the service then refused (409 registration-closed,
     * class-day-started). Now the page says why there is no form; a day still ahead keeps its forms.
     */
    @Test
    void aStartedClassDayAndAClosedSeriesOfferNoFormTheServiceWouldRefuse() throws Exception {
        Map<String, Object> defaultWindow = new java.util.HashMap<>(Map.of("minutes", 2880));
        defaultWindow.put("changedAt", null);
        fake.reads = uri -> uri.startsWith("/api/catalog/series/21") ? Map.of("seriesId", "series-21", "seriesNumber", 21, "price", "2100.00",
                "ceOptionPrice", "75.00", "totalCeHours", 16, "classDays", List.of(
                        Map.of("classDayId", "M1-2020-03-02", "date", "2020-03-02", "moduleCode", "M1", "moduleTitle", "Intro",
                                "startsAt", "2020-03-02T17:00:00Z", "sharedWithSeries", List.of(), "ceHours", 8, "makeUpPlaces", 2),
                        Map.of("classDayId", "M2-2099-03-09", "date", "2099-03-09", "moduleCode", "M2", "moduleTitle", "Practice",
                                "startsAt", "2099-03-09T17:00:00Z", "sharedWithSeries", List.of(), "ceHours", 8, "makeUpPlaces", 3)))
                : uri.startsWith("/api/availability/series/series-21") ? Map.of("taken", 3, "capacity", 10, "held", 0, "free", 7, "waitlist", 0,
                "soldOut", false, "registration", "CLOSED", "schedule", "IN_PROGRESS")
                : uri.startsWith("/api/waitlist/series/series-21") ? Map.of("seriesId", "series-21", "waiting", 0, "held", 0,
                "offerWindow", defaultWindow, "items", List.of(), "page", 0, "size", 20, "totalItems", 0) : null;
        signIn("admin");
        String page = get("/series/21").body();
        assertThat(page).doesNotContain("/series/21/capacity").doesNotContain("id=\"capacity\"")
                .contains("Registration closed when the first class day started: capacity no longer changes");
        assertThat(page).doesNotContain("/class-days/M1-2020-03-02/move").doesNotContain("/class-days/M1-2020-03-02/make-up-places");
        assertThat(section(page, "id=\"day-started-M1-2020-03-02\"")).contains("Started: it no longer moves or changes its make-up places.");
        assertThat(page).contains("/class-days/M2-2099-03-09/move").doesNotContain("day-started-M2-2099-03-09");
        assertThat(tag(page, "id=\"places-M2-2099-03-09\"")).contains("value=\"3\"");
        String waitlist = get("/series/21/waitlist").body();
        assertThat(waitlist).doesNotContain("id=\"offer-window-form\"").doesNotContain("id=\"offerWindowMinutes\"");
        assertThat(section(waitlist, "id=\"offer-window-closed\"")).contains("no offer can follow, so the offer window no longer changes");

        // a form sent from a page opened before (the day started meanwhile) shows the refusal in the form it came from
        fake.refusal = new ServiceProblem(409, "class-day-started", "Class day started", "Class day M1-2020-03-02 has started; it can no longer move.", null);
        String refused = post("/series/21/class-days/M1-2020-03-02/move", Map.of("newDate", "2099-04-01", "reason", "room booked"), true).body();
        assertThat(section(refused, "id=\"newDate-error-M1-2020-03-02\"")).contains("it can no longer move");
        assertThat(tag(refused, "id=\"newDate-M1-2020-03-02\"")).contains("value=\"2099-04-01\"");
        fake.refusal = new ServiceProblem(409, "registration-closed", "Registration closed", "Registration for Series 21 closed when its first class day started.", null);
        String capacity = post("/series/21/capacity", Map.of("capacity", "12", "reason", "room"), true).body();
        assertThat(capacity).contains("Registration for Series 21 closed when its first class day started.");
        assertThat(tag(capacity, "id=\"capacity\"")).contains("value=\"12\"");
        String window = post("/series/21/offer-window", Map.of("offerWindowMinutes", "120", "reason", "short"), true).body();
        assertThat(window).contains("Registration for Series 21 closed when its first class day started.");
        assertThat(tag(window, "id=\"offerWindowMinutes\"")).contains("value=\"120\"");
    }

    /** Found by a fresh reviewer: the form of series 71 moved series 22's day, and a day of no series was refused out of sight. */
    @Test
    void aClassDayFormOfASeriesActsOnlyOnThatSeriesDays() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/catalog/series/21") ? Map.of("seriesId", "series-21", "seriesNumber", 21, "price", "2100.00",
                "ceOptionPrice", "75.00", "totalCeHours", 8, "classDays", List.of(Map.of("classDayId", "M1-2026-12-05", "date", "2026-12-05", "moduleCode", "M1", "moduleTitle", "Intro",
                        "startsAt", "2026-12-05T17:00:00Z", "sharedWithSeries", List.of(), "ceHours", 8))) : null;
        signIn("admin");
        for (String day : new String[]{"M2-2026-12-17", "M1-2099-01-01"}) {
            HttpResponse<String> moved = post("/series/21/class-days/" + day + "/move", Map.of("newDate", "2039-04-01", "reason", "room booked"), true);
            assertThat(moved.statusCode()).as(day).isEqualTo(400);
            assertThat(moved.body()).contains("Class day " + day + " is not a day of series 21; nothing was changed.");
            HttpResponse<String> places = post("/series/21/class-days/" + day + "/make-up-places", Map.of("places", "2"), true);
            assertThat(places.statusCode()).as(day).isEqualTo(400);
        }
        assertThat(fake.commands).isEmpty();
    }

    @Test
    void aRefusedRebuildIsShownNextToItsButton() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/admin/projections") ? Map.of("items", List.of(Map.of("name", "ledger", "running", true,
                "replaying", false, "processedThrough", 5, "head", 5, "behind", 0)), "page", 0, "size", 100, "totalItems", 1) : null;
        fake.refusal = new ServiceProblem(409, "rebuild-elsewhere", "Rebuild elsewhere", "Node b holds the ledger's claim; ask it.", null);
        signIn("admin");
        HttpResponse<String> refused = post("/projections/ledger/rebuild", Map.of(), true);
        assertThat(refused.statusCode()).isEqualTo(302);
        String shown = get(URI.create(refused.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(shown, "aria-label=\"Rebuild ledger\"")).contains("aria-describedby=\"rebuild-error-ledger\"")
                .contains("Node b holds the ledger");
        assertThat(get("/projections").body()).doesNotContain("rebuild-error-ledger").contains("hx-trigger=\"every 2s\"");
        assertThat(section(get("/projections").body(), "id=\"state-ledger\"")).contains(">running<");
        // a projection whose processor waits to retry after a failure says so, not "running" at an old position
        fake.reads = uri -> uri.startsWith("/api/admin/projections") ? Map.of("items", List.of(Map.of("name", "ledger", "running", true,
                "replaying", false, "retrying", Map.of("segments", List.of(0), "cause", "org.springframework.dao.DataAccessResourceFailureException"),
                "processedThrough", 5, "head", 9, "behind", 4)), "page", 0, "size", 100, "totalItems", 1) : null;
        assertThat(section(get("/projections").body(), "id=\"state-ledger\"")).contains(">retrying after a failure<");
        // a processor that can no longer claim its segment says so, with what to do, not "running"
        Map<String, Object> stalledRow = new java.util.HashMap<>(Map.of("name", "ledger", "running", true, "replaying", false,
                "processedThrough", -1, "head", 9, "behind", 10, "stalledSince", "2026-12-04T20:01:43Z"));
        fake.reads = uri -> uri.startsWith("/api/admin/projections") ? Map.of("items", List.of(stalledRow), "page", 0, "size", 100, "totalItems", 1) : null;
        assertThat(section(get("/projections").body(), "id=\"state-ledger\"")).contains("class=\"error\"")
                .contains(">stalled since 2026-12-04T20:01:43Z: processes nothing until the projection service restarts<");
        assertThat(shown).doesNotContain("hx-trigger").contains("stops refreshing");

        // a name the table has no row for (a crafted or stale form) is refused at the top of the page, not lost
        fake.refusal = new ServiceProblem(404, "not-found", "Not found", "There is no projection named bogus.", null);
        HttpResponse<String> unknown = post("/projections/bogus/rebuild", Map.of(), true);
        String unknownShown = get(URI.create(unknown.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(unknownShown, "class=\"problem\"")).contains("Rebuild of bogus: Not started. Not found: There is no projection named bogus.");
        assertThat(unknownShown).doesNotContain("rebuild-error-ledger");
    }

    /**
     * The projections table while the projection service or its database does not answer keeps refreshing with a notice in
     * its place (it had become the whole error page, with no refresh left); a second click on Rebuild while the first one's
     * rebuild runs says so without stopping the table's refresh.
     */
    @Test
    void theProjectionsTableOutlivesAnOutageAndASecondRebuildClickIsNoError() throws Exception {
        Map<String, Object> row = Map.of("name", "ledger", "running", true, "replaying", true, "processedThrough", 5, "head", 9, "behind", 4);
        fake.reads = uri -> {
            if (uri.startsWith("/api/admin/projections")) {
                throw new ServiceProblem(503, "database-unavailable", "Database unavailable", "The database could not be reached.", null);
            }
            return null;
        };
        signIn("admin");
        HttpResponse<String> refresh = get("/projections?fragment=table");
        assertThat(refresh.statusCode()).isEqualTo(200);
        assertThat(refresh.body()).contains("id=\"projections\"").contains("hx-trigger=\"every 2s\"").contains("id=\"projections-unavailable\"")
                .contains("Not refreshed just now: Database unavailable: The database could not be reached.").doesNotContain("<table")
                .doesNotContain("KAT staff console");
        HttpResponse<String> opened = get("/projections");
        assertThat(opened.statusCode()).as("the page opened during the outage").isEqualTo(200);
        assertThat(opened.body()).contains("<h1>Projections</h1>").contains("id=\"projections-unavailable\"").contains("hx-trigger=\"every 2s\"");
        fake.reads = uri -> uri.startsWith("/api/admin/projections") ? Map.of("items", List.of(row), "page", 0, "size", 100, "totalItems", 1) : null;
        assertThat(get("/projections?fragment=table").body()).contains("<table").doesNotContain("projections-unavailable");

        fake.refusal = new ServiceProblem(409, "rebuild-in-progress", "Rebuild in progress", "The ledger projection was not reset: it is still "
                + "replaying: processed through 5 of 9 (60 %).", null);
        HttpResponse<String> second = post("/projections/ledger/rebuild", Map.of(), true);
        String shown = get(URI.create(second.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(shown).contains("The ledger projection is already being rebuilt; the table shows its progress.")
                .doesNotContain("rebuild-error-ledger").contains("hx-trigger=\"every 2s\"");
    }

    /** A reviewer could not see from the console that events were parked: the count, the list with causes, the retry. */
    @Test
    void parkedEventsAreCountedListedWithTheirCauseAndRetried() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/admin/projections/ledger/parked") ? Map.of("projection", "ledger", "items", List.of(
                Map.of("deadLetterId", "d-1", "sequence", "series-21", "sequenceIndex", 0, "eventId", "e-1", "eventType", "PaymentRecorded",
                        "enqueuedAt", "2026-12-01T17:00:00Z", "lastTouched", "2026-12-01T17:00:00Z",
                        "causeType", "org.springframework.dao.DataIntegrityViolationException", "causeMessage", "violates check constraint \"r15\"")),
                "page", 0, "size", 20, "totalItems", 1)
                : uri.startsWith("/api/admin/projections") ? Map.of("items", List.of(Map.of("name", "ledger", "running", true, "replaying", false,
                "processedThrough", 5, "head", 5, "behind", 0, "parked", 1)), "page", 0, "size", 100, "totalItems", 1) : null;
        signIn("admin");
        assertThat(section(get("/projections").body(), "id=\"parked-ledger\"")).contains("href=\"/projections/ledger/parked\"")
                .contains("1 parked event of ledger").contains(">1</a>");
        String list = get("/projections/ledger/parked").body();
        assertThat(section(list, "id=\"parked\"", 1500)).contains("1 parked").contains("series-21").contains("PaymentRecorded")
                .contains("violates check constraint &quot;r15&quot;");
        fake.projectionAnswer = Map.of("projection", "ledger", "retried", 1, "stillParked", 0);
        HttpResponse<String> retried = post("/projections/ledger/parked/retry", Map.of(), true);
        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(retried.headers().firstValue("Location").orElseThrow()).endsWith("/projections/ledger/parked");
        assertThat(fake.commands).containsExactly("POST /api/admin/projections/ledger/parked/retry");
        assertThat(get(URI.create(retried.headers().firstValue("Location").orElseThrow()).getRawPath()).body())
                .contains("Retried the parked events of ledger: 1 stream projected, 0 events still parked.");
    }

    @Test
    void aPostWithoutCsrfTokenIsThe403PageAndChangesNothing() throws Exception {
        signIn("admin");
        HttpResponse<String> answer = post("/series/21/capacity", Map.of("capacity", "30", "reason", "room"), false);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("id=\"forbidden\"").contains("this form was not accepted").contains("security token")
                .doesNotContain("Your role does not cover").contains("<title>Form not accepted"); // an administrator's form: no question of role
        assertThat(fake.commands).isEmpty();
        signIn("finance");
        assertThat(get("/series").body()).contains("Your role does not cover").doesNotContain("this form was not accepted");
    }

    @Test
    void aRoleThatMayNotPostGetsThe403PageNot405() throws Exception {
        signIn("attendance");
        HttpResponse<String> answer = post("/ledger/payouts", Map.of("seriesId", "series-21", "registrationId", "r-1", "outcome", "SETTLED",
                "reference", "re_1"), true);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("id=\"forbidden\"");
        assertThat(fake.commands).isEmpty();
    }

    // --- defect 6: forms address what their path names

    @Test
    void theCapacityFormChangesTheSeriesOfItsPathAndRefusesAnotherSeriesId() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/catalog/series/21") ? Map.of("seriesId", "series-21", "seriesNumber", 21) : null;
        signIn("admin");
        HttpResponse<String> mismatch = post("/series/21/capacity", Map.of("seriesId", "series-30", "capacity", "30", "reason", "room"), true);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("nothing was changed");
        assertThat(fake.commands).isEmpty();

        HttpResponse<String> ok = post("/series/21/capacity", Map.of("seriesId", "series-21", "capacity", "30", "reason", "room"), true);
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(fake.commands).containsExactly("PUT /api/catalog/series/series-21/capacity");
        HttpResponse<String> noField = post("/series/21/capacity", Map.of("capacity", "31", "reason", "room"), true);
        assertThat(noField.statusCode()).isEqualTo(302);
        assertThat(fake.commands).last().isEqualTo("PUT /api/catalog/series/series-21/capacity");
    }

    @Test
    void anEvaluationIsRecordedForTheModuleOfTheClassDayInThePathNotAHiddenField() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/availability/class-days/M1-2026-12-05")
                ? Map.of("classDayId", "M1-2026-12-05", "moduleCode", "M1", "date", "2026-12-05", "startsAt", "2026-12-05T17:00:00Z") : null;
        signIn("attendance");
        HttpResponse<String> answer = post("/class-days/M1-2026-12-05/evaluation",
                Map.of("registrationId", "r-1", "seriesNumber", "21", "moduleCode", "M4"), true);
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(fake.commands).isEmpty();
        post("/class-days/M1-2026-12-05/evaluation", Map.of("registrationId", "r-1", "seriesNumber", "21", "moduleCode", "M1"), true);
        assertThat(fake.commands).containsExactly("POST /api/series/series-21/registrations/r-1/evaluations");
        assertThat(fake.bodies).last().hasToString("{moduleCode=M1}");
    }

    /** A fresh reviewer's: an evaluation sent again from a second form read "Evaluation recorded." though nothing was. */
    @Test
    void anEvaluationRecordedBeforeSaysNothingChanged() throws Exception {
        rosterWithGia();
        signIn("attendance");
        fake.commandAnswer = Map.of("recorded", false);
        HttpResponse<String> answer = post("/class-days/M1-2026-12-05/evaluation",
                Map.of("registrationId", "r-gia", "seriesNumber", "21", "moduleCode", "M1"), true);
        assertThat(answer.statusCode()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        String page = get(location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery())).body();
        assertThat(page).contains("Nothing changed: the evaluation was recorded before.").doesNotContain("Evaluation recorded.");
    }

    // --- defect 1: a correction keeps every segment

    @Test
    @SuppressWarnings("unchecked")
    void theRosterShowsEverySegmentAndACorrectionSendsThemAllUnmerged() throws Exception {
        rosterWithGia();
        signIn("attendance");
        String roster = get("/class-days/M1-2026-12-05/roster").body();
        assertThat(roster).contains("Not in full, away 30 min").contains("CE withdrawn").doesNotContain("Present in full").doesNotContain("no CE yet")
                .contains("9:02 AM PST – 12:00 PM PST").contains("12:30 PM PST – 5:00 PM PST");
        assertThat(section(roster, "id=\"joined-r-gia\"")).contains("value=\"09:02\"");
        assertThat(section(roster, "id=\"left-r-gia\"")).contains("value=\"12:00\"");
        assertThat(section(roster, "id=\"joined-r-gia-1\"")).contains("value=\"12:30\"");
        assertThat(section(roster, "id=\"left-r-gia-1\"")).contains("value=\"17:00\"");
        assertThat(roster).contains("id=\"joined-r-gia-2\"");

        HttpResponse<String> corrected = correct(false);
        assertThat(corrected.statusCode()).isEqualTo(302);
        assertThat(fake.commands).containsExactly("POST /api/series/series-21/registrations/r-gia/attendance-corrections");
        Map<String, Object> body = (Map<String, Object>) fake.bodies.get(0);
        assertThat(body).doesNotContainKeys("joinedAt", "leftAt").containsEntry("segments", List.of(
                Map.of("joinedAt", "2026-12-05T17:02:00Z", "leftAt", "2026-12-05T20:00:00Z"),
                Map.of("joinedAt", "2026-12-05T20:30:00Z", "leftAt", "2026-12-06T01:00:00Z")));
    }

    /** Every form that sends a command carries a key of its own (FormKeys), so a form sent twice is one command. */
    @Test
    void everyCommandFormCarriesItsOwnIdempotencyKey() throws Exception {
        rosterWithGia();
        dayNotStartedYet(); // the make-up booking form as well as Gia's make-up-free row
        signIn("attendance");
        String roster = get("/class-days/M1-2026-12-05/roster").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"idempotencyKey\" value=\"([0-9a-f-]{36})\"").matcher(roster);
        List<String> keys = new ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertThat(keys).isNotEmpty().doesNotHaveDuplicates();
        // every post form of the page but signing out
        assertThat(roster.split("method=\"post\"", -1).length - 1).as("every post form of the page has one").isEqualTo(keys.size() + 1);
        assertThat(roster).contains("action=\"/logout\" method=\"post\"");
    }

    /** Overlapping segments merged (a confirmed overlap, two devices): the row shows them as given beside the merged ones. */
    @Test
    @SuppressWarnings("unchecked")
    void aRowWhoseOverlappingSegmentsWereMergedShowsThemAsGiven() throws Exception {
        rosterWithGia();
        signIn("attendance");
        assertThat(section(get("/class-days/M1-2026-12-05/roster").body(), "id=\"row-r-gia\"", 3000)).doesNotContain("as given");
        giaOnTheRosterWith("segmentsAsGiven", List.of(Map.of("joinedAt", "2026-12-05T17:02:00Z", "leftAt", "2026-12-05T20:00:00Z"),
                Map.of("joinedAt", "2026-12-05T19:00:00Z", "leftAt", "2026-12-05T19:45:00Z"),
                Map.of("joinedAt", "2026-12-05T20:30:00Z", "leftAt", "2026-12-06T01:00:00Z")));
        String row = section(get("/class-days/M1-2026-12-05/roster").body(), "id=\"row-r-gia\"", 4000);
        assertThat(row.replaceAll("<[^>]+>", "").replaceAll("\\s+", " ")).contains("overlapping segments merged; as given: 9:02 AM PST – 12:00 PM PST, 11:00 AM PST – 11:45 AM PST, "
                + "12:30 PM PST – 5:00 PM PST");
    }

    // --- defect 9: a refusal about a field is shown at that field, in the service's words

    /** Found by a fresh reviewer: a blank reason, an unknown verification and left-before-joined were shown at the top of the page. */
    @Test
    void refusalsNamingAFieldOfTheRowAreShownAtThatField() throws Exception {
        rosterWithGia();
        signIn("attendance");
        fake.refusal = new ServiceProblem(400, "invalid-request", "Invalid request", "Some fields are missing or malformed: [reason must not be blank]",
                null, Map.of("reason", "must not be blank"));
        String blankReason = correct(true).body();
        assertThat(section(blankReason, "id=\"reason-error-r-gia\"")).contains("Give the reason for the correction.");
        // the blank reason is marked invalid, as every refused input is (a fresh reviewer's finding: only described)
        assertThat(tag(blankReason, "id=\"reason-r-gia\"")).contains("aria-invalid=\"true\"").contains("aria-describedby=\"reason-error-r-gia\"");
        fake.refusal = new ServiceProblem(400, "malformed-request", "Malformed request body", "Field 'verification' must be one of [PLATFORM_LOG, STAFF_SIGN_IN], as text.",
                "verification");
        String verification = correct(true).body();
        assertThat(section(verification, "id=\"verification-error-r-gia\"")).contains("Choose how the attendance was verified: platform log or staff sign-in.")
                .doesNotContain("PLATFORM_LOG, STAFF_SIGN_IN");
        assertThat(tag(verification, "id=\"verification-r-gia\"")).contains("aria-invalid=\"true\"").contains("aria-describedby=\"verification-error-r-gia\"");
    }

    @Test
    void aRefusalAboutATimeIsShownAtTheJoinedFieldOfTheRowWithTheServicesDetail() throws Exception {
        rosterWithGia();
        // the service's problem for a join before the day's margin (rules/ClassDayBounds): its field and UTC instants
        fake.refusal = answered(422, "{\"type\":\"urn:kat:problem:attendance-outside-class-day\",\"title\":\"Attendance outside class day\","
                + "\"status\":422,\"detail\":\"joinedAt and leftAt must lie on class day M1-2026-12-05: between 2026-12-05T11:00:00Z and "
                + "2026-12-06T07:00:00Z (its 09:00-17:00 Pacific, 6 hours either side); 2026-12-05T10:30:00Z does not.\",\"field\":\"joinedAt\"}");
        signIn("attendance");
        String typed = "&joined=02:30&left=12:00&joined=&left=";
        HttpResponse<String> row = correct(true, typed);
        assertThat(row.statusCode()).isEqualTo(200);
        assertThat(section(row.body(), "id=\"joinedAt-error-r-gia\"")).contains("Joined 02:30 is not on the class day: from 03:00 to 23:00 Pacific time");
        assertThat(row.body()).doesNotContain("Correction recorded").doesNotContain("2026-12-05T").doesNotContain("joinedAt and leftAt");

        HttpResponse<String> redirected = correct(false, typed);
        assertThat(redirected.statusCode()).isEqualTo(302);
        String page = get(URI.create(redirected.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(page, "id=\"joinedAt-error-r-gia\"")).contains("Joined 02:30 is not on the class day");
    }

    /**
     * An evaluation recorded by mistake is withdrawn from its row with a reason (a fresh reviewer found no way to): the row of
     * an evaluated participant offers it, a row moved to a make-up does not; without a reason nothing is sent; with one the
     * service is asked for the module of the day in the path.
     */
    @Test
    void anEvaluatedRowOffersToWithdrawTheEvaluationWithAReason() throws Exception {
        rosterWithGia();
        signIn("attendance");
        String page = get("/class-days/M1-2026-12-05/roster").body();
        String row = page.substring(page.indexOf("id=\"row-r-gia\""), page.indexOf("</tr>", page.indexOf("id=\"row-r-gia\"")));
        assertThat(row).contains("Withdraw evaluation").contains("Reason to withdraw the evaluation").contains("name=\"reason\" required");
        HttpResponse<String> blank = post("/class-days/M1-2026-12-05/evaluation-withdrawal", Map.of("registrationId", "r-gia", "seriesNumber", "21",
                "reason", "  "), true);
        assertThat(blank.statusCode()).isEqualTo(302);
        assertThat(fake.commands).isEmpty();
        URI location = URI.create(blank.headers().firstValue("Location").orElseThrow());
        assertThat(get(location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery())).body())
                .contains("Evaluation not withdrawn: give the reason");
        HttpResponse<String> sent = post("/class-days/M1-2026-12-05/evaluation-withdrawal", Map.of("registrationId", "r-gia", "seriesNumber", "21",
                "reason", "ticked for the wrong participant"), true);
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(fake.commands).containsExactly("POST /api/series/series-21/registrations/r-gia/evaluation-withdrawals");
        assertThat(fake.bodies).last().hasToString("{moduleCode=M1, reason=ticked for the wrong participant}");
        location = URI.create(sent.headers().firstValue("Location").orElseThrow());
        assertThat(get(location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery())).body())
                .contains("Evaluation withdrawn; any CE hours earned on it were withdrawn with it.");
        rosterWithGia(true);
        String moved = get("/class-days/M1-2026-12-05/roster").body();
        assertThat(moved.substring(moved.indexOf("id=\"row-r-gia\""), moved.indexOf("</tr>", moved.indexOf("id=\"row-r-gia\""))))
                .doesNotContain("Withdraw evaluation");
    }

    /** Found by a fresh reviewer: a series' day row whose module moved to a make-up offered an evaluation always refused. */
    @Test
    void aModuleMovedToAMakeUpIsEvaluatedOnTheMakeUpDaysRoster() throws Exception {
        rosterWithGia(true);
        signIn("attendance");
        String page = get("/class-days/M1-2026-12-05/roster").body();
        String row = page.substring(page.indexOf("id=\"row-r-gia\""), page.indexOf("</tr>", page.indexOf("id=\"row-r-gia\"")));
        assertThat(row).contains("(evaluation on the make-up day&#39;s roster, M1-2027-01-18)").doesNotContain("Evaluation completed");
        rosterWithGia(false);
        assertThat(get("/class-days/M1-2026-12-05/roster").body()).doesNotContain("evaluation on the make-up day");
    }

    /** Found by a fresh reviewer: a correction that showed what the record said read "Correction recorded." */
    @Test
    void aCorrectionThatChangesNothingSaysSo() throws Exception {
        rosterWithGia();
        signIn("attendance");
        fake.commandAnswer = Map.of("classDayId", "M1-2026-12-05", "registrationId", "r-gia", "recorded", false);
        assertThat(correct(true).body()).contains("Nothing changed: the attendance recorded already says this.").doesNotContain("Correction recorded");
        fake.commandAnswer = Map.of("classDayId", "M1-2026-12-05", "registrationId", "r-gia", "recorded", true);
        assertThat(correct(true).body()).contains("Correction recorded.").doesNotContain("Nothing changed");
    }

    /**
     * Found by a fresh reviewer: segments typed with an overlap (13:00 left, 12:30 joined again) were merged silently by
     * the service. It now refuses them at the later segment; the console says so in the form's words at that segment and
     * offers a box to confirm a real overlap (two devices), shown with that refusal only, which the next send carries.
     */
    @Test
    @SuppressWarnings("unchecked")
    void overlappingSegmentsAreShownAtTheLaterOneWithABoxToConfirmThem() throws Exception {
        rosterWithGia();
        signIn("attendance");
        String overlapping = "&joined=09:00&left=13:00&joined=12:30&left=17:00&joined=&left=";
        assertThat(correct(true, overlapping).body()).as("no refusal, no box").doesNotContain("overlapsConfirmed");
        assertThat((Map<String, Object>) fake.bodies.get(0)).doesNotContainKey("overlapsConfirmed");
        fake.refusal = answered(422, "{\"type\":\"urn:kat:problem:invalid-attendance\",\"title\":\"Invalid attendance\",\"status\":422,"
                + "\"detail\":\"Segment 2 (2026-12-05T20:30:00Z to 2026-12-06T01:00:00Z) overlaps segment 1 (2026-12-05T17:00:00Z to"
                + " 2026-12-05T21:00:00Z): the two would count once, as 2026-12-05T17:00:00Z to 2026-12-06T01:00:00Z. Check the times; when the"
                + " platform shows both (connected twice, e.g. two devices), send overlapsConfirmed: true.\",\"field\":\"segments[1].joinedAt\"}");
        for (boolean htmx : List.of(true, false)) {
            HttpResponse<String> answer = correct(htmx, overlapping);
            String page = htmx ? answer.body() : get(URI.create(answer.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
            assertThat(section(page, "id=\"joinedAt-error-r-gia-1\"")).as("htmx " + htmx)
                    .contains("Segment 2 (12:30–17:00) overlaps segment 1 (09:00–13:00) (Pacific time): the two would count once, as"
                            + " 09:00–17:00. Check the times; if the platform log shows both, tick the box below and record again.");
            assertThat(tag(page, "id=\"joined-r-gia-1\"")).contains("value=\"12:30\"").contains("aria-invalid=\"true\"")
                    .contains("aria-describedby=\"joinedAt-error-r-gia-1\"");
            assertThat(page).contains("<input type=\"checkbox\" id=\"overlaps-r-gia\"");
            assertThat(tag(page, "id=\"overlaps-r-gia\"")).contains("name=\"overlapsConfirmed\"").doesNotContain("checked");
            assertThat(page).contains("The overlap is right: the platform log shows both segments")
                    .doesNotContain("2026-12-05T").doesNotContain("send overlapsConfirmed").doesNotContain("Invalid attendance");
        }
        fake.refusal = null;
        fake.bodies.clear();
        correct(true, overlapping + "&overlapsConfirmed=true");
        assertThat((Map<String, Object>) fake.bodies.get(0)).containsEntry("overlapsConfirmed", true)
                .extractingByKey("segments").asList().hasSize(2);
    }

    /**
     * Found by a fresh reviewer: a correction for a registration that left the roster after the page was read (here Ben,
     * not on the roster) lost its refusal: htmx swapped the row for nothing, and the page said "see the message at the
     * field" of a row it does not show. Each answer now stays in view.
     */
    @Test
    void aRefusalForARegistrationNoLongerOnTheRosterStaysInView() throws Exception {
        rosterWithGia();
        signIn("attendance");
        fake.refusal = answered(409, "{\"type\":\"urn:kat:problem:registration-cancelled\",\"title\":\"Registration cancelled\",\"status\":409,"
                + "\"detail\":\"Registration r-ben is cancelled: no attendance is recorded for it.\"}");
        String htmxRow = correctFor("r-ben", true, "&joined=09:00&left=17:00&joined=&left=").body();
        assertThat(htmxRow).contains("id=\"row-r-ben\"")
                .contains("Registration cancelled: Registration r-ben is cancelled: no attendance is recorded for it.")
                .contains("Registration r-ben is no longer on this roster");
        // a refusal at a field of that row: said at the top of the page, since the row is not there
        fake.refusal = answered(422, "{\"type\":\"urn:kat:problem:invalid-attendance\",\"title\":\"Invalid attendance\",\"status\":422,"
                + "\"detail\":\"leftAt (2026-12-05T16:30:00Z) must be after joinedAt (2026-12-05T17:00:00Z).\",\"field\":\"leftAt\"}");
        assertThat(correctFor("r-ben", true, "&joined=09:00&left=08:30&joined=&left=").body())
                .contains("Left 08:30 is not after joined 09:00 (Pacific time)").contains("Registration r-ben is no longer on this roster");
        HttpResponse<String> answer = correctFor("r-ben", false, "&joined=09:00&left=08:30&joined=&left=");
        String page = get(URI.create(answer.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(page).contains("Not recorded for registration r-ben, which is not on this page of the roster (it may have left the roster):"
                + " Left 08:30 is not after joined 09:00 (Pacific time)").doesNotContain("see the message at the field");
        // Gia's own refusal is still at her field, as before
        assertThat(get(URI.create(correct(false, "&joined=09:00&left=08:30&joined=&left=").headers().firstValue("Location").orElseThrow()).getRawPath()).body())
                .contains("see the message at the field of registration r-gia").doesNotContain("not on this page of the roster");
    }

    /**
     * Found by a fresh reviewer: a crafted record on a day not started (its roster offers no form) was refused by the service
     * (409 class-day-not-started), and the page said "see the message at the field" of a form it does not show.
     */
    @Test
    void aRefusalForADayNotStartedIsSaidInTheRowAndAtTheTop() throws Exception {
        rosterWithGia();
        dayNotStartedYet();
        signIn("attendance");
        fake.refusal = answered(409, "{\"type\":\"urn:kat:problem:class-day-not-started\",\"title\":\"Class day not started\",\"status\":409,"
                + "\"detail\":\"Class day M1-2026-12-05 starts at 2099-12-05T17:00:00Z; attendance can be recorded once it has started.\"}");
        String row = correct(true).body();
        assertThat(row).contains("id=\"row-r-gia\"").contains("attendance can be recorded once it has started").doesNotContain("id=\"joined-r-gia\"");
        String page = get(URI.create(correct(false).headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(page, "role=\"alert\"")).contains("Not recorded for registration r-gia: ").contains("attendance can be recorded once it has started")
                .doesNotContain("not on this page");
        assertThat(page).doesNotContain("see the message at the field");
    }

    /**
     * Found by a fresh reviewer: a correction refused as "later than now" read "Left 17:00 is not after joined 09:00", and a
     * crafted correction of a row not yet recorded (which has no reason input) was refused at a field the page does not show.
     */
    @Test
    void aLeaveTimeLaterThanNowAndARefusedFieldTheRowDoesNotShowAreSaidInTheServicesWords() throws Exception {
        rosterWithGia();
        signIn("attendance");
        fake.refusal = answered(422, "{\"type\":\"urn:kat:problem:invalid-attendance\",\"title\":\"Invalid attendance\",\"status\":422,"
                + "\"detail\":\"leftAt (2026-12-06T01:00:00Z) is later than now (2026-12-05T20:00:00Z): attendance on M1-2026-12-05 is recorded once"
                + " it has happened; record who is there so far and correct it after the day ends.\",\"field\":\"leftAt\"}");
        String row = correct(true, "&joined=09:00&left=17:00&joined=&left=").body();
        assertThat(section(row, "id=\"leftAt-error-r-gia\"")).contains("Left 17:00 (Pacific time) is later than now: attendance on M1-2026-12-05"
                + " is recorded once it has happened; record who is there so far and correct it after the day ends.");
        assertThat(row).doesNotContain("is not after joined");
        giaOnTheRosterWith("attendance", "NOT_RECORDED");
        fake.refusal = answered(422, "{\"type\":\"urn:kat:problem:reason-required\",\"title\":\"Reason required\",\"status\":422,"
                + "\"detail\":\"A correction must say why (e.g. the platform log was incomplete).\",\"field\":\"reason\"}");
        String notRecorded = correct(true).body();
        assertThat(notRecorded).doesNotContain("id=\"reason-r-gia\"");
        assertThat(section(notRecorded, "role=\"alert\"")).contains("Give the reason for the correction.");
        String page = get(URI.create(correct(false).headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(page).contains("Not recorded for registration r-gia: Give the reason for the correction.")
                .doesNotContain("see the message at the field");
    }

    /** Found by a fresh reviewer: a NUL typed into a reason was written back into the refused form's value attribute (invalid HTML). */
    @Test
    void aControlCharacterTypedIntoARefusedFormIsShownAsTheReplacementCharacter() throws Exception {
        rosterWithGia();
        signIn("attendance");
        fake.refusal = answered(400, "{\"type\":\"urn:kat:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"Field 'reason' has a value that cannot be used: text may not contain control character U+0000\",\"field\":\"reason\"}");
        for (boolean htmx : List.of(true, false)) {
            String form = "registrationId=r-gia&seriesNumber=21&correction=true&verification=STAFF_SIGN_IN&reason=caf%00%01%7F%C2%85x"
                    + "&joined=09:00&left=17:00&joined=&left=&_csrf=" + URLEncoder.encode(csrf(), StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/class-days/M1-2026-12-05/attendance"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
            if (htmx) {
                request.header("HX-Request", "true");
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String page = htmx ? answer.body() : get(URI.create(answer.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
            assertThat(tag(page, "id=\"reason-r-gia\"")).as("htmx " + htmx).contains("value=\"caf\uFFFD\uFFFD\uFFFD\uFFFDx\"");
            assertThat(page).as("htmx " + htmx).doesNotContain("\u0000").doesNotContain("\u0001").doesNotContain("\u007F").doesNotContain("\u0085");
        }
        assertThat(ControlCharactersShown.shown("a\tb\nc\r\fd\u0000e\u001Ff\u0080g\u202Eh\uFFFEi\uFDD0j\uD83F\uDFFFk\uD83D\uDE00"))
                .isEqualTo("a\tb\nc\r\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\uFFFDi\uFFFDj\uFFFDk\uD83D\uDE00");
    }

    /**
     * Found by a fresh reviewer: left before joined was shown as "leftAt (2026-...Z) must be after joinedAt (...Z)", and a
     * second segment's refusal at the top of the form; each is in the form's words, at the inputs of the segment it is about.
     */
    @Test
    void leftBeforeJoinedIsShownInTheFormsWordsAtTheSegmentItIsAbout() throws Exception {
        rosterWithGia();
        signIn("attendance");
        // one pair: the service names leftAt
        fake.refusal = answered(422, "{\"type\":\"urn:kat:problem:invalid-attendance\",\"title\":\"Invalid attendance\",\"status\":422,"
                + "\"detail\":\"leftAt (2026-12-05T16:30:00Z) must be after joinedAt (2026-12-05T17:00:00Z).\",\"field\":\"leftAt\"}");
        for (boolean htmx : List.of(true, false)) {
            HttpResponse<String> answer = correct(htmx, "&joined=09:00&left=08:30&joined=&left=");
            String page = htmx ? answer.body() : get(URI.create(answer.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
            assertThat(section(page, "id=\"leftAt-error-r-gia\"")).as("htmx " + htmx)
                    .contains("Left 08:30 is not after joined 09:00 (Pacific time): give a left time after the joined time.");
            assertThat(tag(page, "id=\"left-r-gia\"")).contains("value=\"08:30\"").contains("aria-invalid=\"true\"")
                    .contains("aria-describedby=\"leftAt-error-r-gia\"");
            assertThat(tag(page, "id=\"joined-r-gia\"")).doesNotContain("aria-invalid");
            assertThat(page).doesNotContain("leftAt (").doesNotContain("2026-12-05T16:30:00Z").doesNotContain("Invalid attendance:");
        }
        // two pairs, the second refused: the service names segments[1].leftAt; the message is at the second pair's inputs
        fake.refusal = answered(422, "{\"type\":\"urn:kat:problem:invalid-attendance\",\"title\":\"Invalid attendance\",\"status\":422,"
                + "\"detail\":\"leftAt (2026-12-05T20:00:00Z) must be after joinedAt (2026-12-05T20:30:00Z).\",\"field\":\"segments[1].leftAt\"}");
        for (boolean htmx : List.of(true, false)) {
            // a blank pair between them is not sent: the service's second segment is the form's second filled pair
            HttpResponse<String> answer = correct(htmx, "&joined=09:02&left=12:00&joined=&left=&joined=12:30&left=12:00");
            String page = htmx ? answer.body() : get(URI.create(answer.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
            assertThat(section(page, "id=\"leftAt-error-r-gia-1\"")).as("htmx " + htmx)
                    .contains("Left 12:00 is not after joined 12:30 in segment 2 (Pacific time)");
            assertThat(tag(page, "id=\"left-r-gia-1\"")).contains("value=\"12:00\"").contains("aria-invalid=\"true\"")
                    .contains("aria-describedby=\"leftAt-error-r-gia-1\"");
            assertThat(tag(page, "id=\"left-r-gia\"")).contains("value=\"12:00\"").doesNotContain("aria-invalid");
            assertThat(tag(page, "id=\"joined-r-gia-1\"")).contains("value=\"12:30\"").doesNotContain("aria-invalid");
            // the message sits in the second pair's paragraph, after its inputs and before the next pair's
            assertThat(page.indexOf("id=\"leftAt-error-r-gia-1\"")).isGreaterThan(page.indexOf("id=\"left-r-gia-1\""))
                    .isLessThan(page.indexOf("id=\"joined-r-gia-2\""));
            // at the top at most the pointer to the field (without htmx), never the refusal itself
            assertThat(page).doesNotContain("Invalid attendance").doesNotContain("segments[1]").doesNotContain("2026-12-05T20");
        }
        // a time of the second pair the console cannot read is refused at that input, not at the first joined time
        fake.refusal = null;
        String unreadable = correct(true, "&joined=09:02&left=12:00&joined=12:30&left=5pm").body();
        assertThat(section(unreadable, "id=\"leftAt-error-r-gia-1\"")).contains("times like 09:05");
        assertThat(tag(unreadable, "id=\"left-r-gia-1\"")).contains("aria-invalid=\"true\"");
        assertThat(tag(unreadable, "id=\"joined-r-gia\"")).doesNotContain("aria-invalid");
        assertThat(fake.commands).isEmpty();
    }

    @Test
    void aRefusedCorrectionKeepsWhatWasTypedAndTiesTheMessageToTheTimeInputs() throws Exception {
        rosterWithGia();
        fake.refusal = new ServiceProblem(422, "attendance-outside-class-day", "Outside the class day",
                "joinedAt and leftAt must lie on class day M1-2026-12-05.", null);
        signIn("attendance");
        String typed = "&joined=02:00&left=11:45&joined=&left=";
        for (boolean htmx : List.of(true, false)) {
            HttpResponse<String> answer = correct(htmx, typed);
            String page = htmx ? answer.body() : get(URI.create(answer.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
            assertThat(tag(page, "id=\"joined-r-gia\"")).as("htmx " + htmx).contains("value=\"02:00\"")
                    .contains("aria-describedby=\"joinedAt-error-r-gia\"").contains("aria-invalid=\"true\"");
            assertThat(tag(page, "id=\"left-r-gia\"")).contains("value=\"11:45\"").doesNotContain("aria-describedby");
            assertThat(tag(page, "id=\"joined-r-gia-1\"")).contains("value=\"\"").doesNotContain("aria-describedby");
            assertThat(page).doesNotContain("id=\"joined-r-gia-2\"").doesNotContain("value=\"09:02\"").doesNotContain("value=\"12:30\"");
            assertThat(tag(page, "id=\"reason-r-gia\"")).contains("value=\"sign-in sheet\"");
            assertThat(tag(page, "value=\"STAFF_SIGN_IN\"")).contains("selected");
            assertThat(section(page, "id=\"joinedAt-error-r-gia\"")).contains("Joined 02:00 is not on the class day (09:00–17:00 Pacific time, 6 hours either side).");
        }
        fake.refusal = new ServiceProblem(422, "invalid-attendance", "Invalid attendance", "leftAt (2026-12-05T16:30:00Z) must be after joinedAt (2026-12-05T17:00:00Z).", "leftAt");
        String left = correct(true, "&joined=09:00&left=08:30").body();
        assertThat(tag(left, "id=\"left-r-gia\"")).contains("value=\"08:30\"").contains("aria-describedby=\"leftAt-error-r-gia\"");
        assertThat(section(left, "id=\"leftAt-error-r-gia\"")).contains("Left 08:30 is not after joined 09:00");
        assertThat(left).doesNotContain("aria-describedby=\"joinedAt-error-r-gia\"");

        fake.refusal = null;
        String unreadable = correct(true, "&joined=9.05&left=17:00").body();
        assertThat(section(unreadable, "id=\"joinedAt-error-r-gia\"")).contains("times like 09:05");
        assertThat(tag(unreadable, "id=\"joined-r-gia\"")).contains("value=\"9.05\"").contains("aria-describedby=\"joinedAt-error-r-gia\"");
        assertThat(fake.commands).isEmpty();
    }

    @Test
    void aRefusedMakeUpIsShownAtItsFieldWithWhatWasEntered() throws Exception {
        rosterWithGia();
        dayNotStartedYet();
        fake.refusal = new ServiceProblem(404, "registration-not-found", "Registration not found", "Series series-30 has no registration r-typo.", null);
        signIn("attendance");
        HttpResponse<String> refused = post("/class-days/M1-2026-12-05/make-ups", Map.of("registrationId", "r-typo", "seriesNumber", "30"), true);
        assertThat(refused.statusCode()).isEqualTo(302);
        String page = get(URI.create(refused.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        fake.refusal = new ServiceProblem(404, "series-not-found", "Series not found", "There is no series series-30.", null);
        String noSeries = get(URI.create(post("/class-days/M1-2026-12-05/make-ups", Map.of("registrationId", "r-typo", "seriesNumber", "30"), true)
                .headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(noSeries, "id=\"makeUpSeries-error\"")).contains("Make-up not booked. There is no Series 30: check the series number")
                .doesNotContain("series-30");
        assertThat(section(page, "id=\"makeUpRegistration-error\"")).contains("Make-up not booked. Series 30 has no registration r-typo: check the "
                + "registration id, and that the series number is the registration&#39;s own series.").doesNotContain("series-30");
        assertThat(tag(page, "id=\"makeUpRegistration\"")).contains("value=\"r-typo\"").contains("aria-describedby=\"makeUpRegistration-error\"");
        assertThat(tag(page, "id=\"makeUpSeries\"")).contains("value=\"30\"").doesNotContain("aria-describedby");
        assertThat(page).doesNotContain("Make-up booked");
        fake.refusal = new ServiceProblem(409, "class-day-full", "Full", "No make-up place is left on this day.", null);
        String full = get(URI.create(post("/class-days/M1-2026-12-05/make-ups", Map.of("registrationId", "r-2", "seriesNumber", "30"), true)
                .headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(full, "id=\"makeUp-error\"")).contains("No make-up place is left");
        // the console's own checks, at their fields, nothing sent (a fresh reviewer's "Invalid path ... check the URL" for an
        // empty form, and "series-abc" sent as a series id)
        fake.refusal = null;
        for (String[] typed : new String[][]{{"", "", "Give the number of the series", "Give the registration id"},
                {"r-2", "abc", "The series number is a whole number", null}, {"r-2", "-1", "The series number is 1 or more", null},
                {"r-2", "99999999999", "is out of range", null}}) {
            String answer = get(URI.create(post("/class-days/M1-2026-12-05/make-ups", Map.of("registrationId", typed[0], "seriesNumber", typed[1]), true)
                    .headers().firstValue("Location").orElseThrow()).getRawPath()).body();
            assertThat(section(answer, "id=\"makeUpSeries-error\"")).as(typed[1]).contains(typed[2]);
            if (typed[3] != null) {
                assertThat(section(answer, "id=\"makeUpRegistration-error\"")).contains(typed[3]);
            }
            assertThat(tag(answer, "id=\"makeUpSeries\"")).contains("value=\"" + typed[1] + "\"");
        }
        assertThat(fake.commands).isEmpty();
    }

    /**
     * A make-up booked on a day that has not started can be cancelled from that day's roster with a reason (the place comes
     * free); on a day that has started there is no such button (the service would refuse it); a blank reason sends nothing;
     * a refusal is shown at the top in the service's words.
     */
    @Test
    void aMakeUpIsCancelledFromTheMakeUpDaysRosterBeforeTheDayStarts() throws Exception {
        Map<String, Object> finn = new LinkedHashMap<>(Map.of("registrationId", "r-finn", "seriesNumber", 19, "fullName", "Finn Later",
                "licenseNumber", "PSY-9", "licenseState", "CA", "ceOption", true, "makeUp", true, "attendance", "NOT_RECORDED",
                "evaluationCompleted", false, "ceEarned", false));
        finn.put("segments", List.of());
        String[] date = {"2099-01-12"};
        fake.reads = uri -> uri.startsWith("/api/availability/class-days/") ? new LinkedHashMap<>(Map.of("classDayId", "M3-" + date[0],
                "moduleCode", "M3", "date", date[0], "startsAt", date[0] + "T17:00:00Z", "expectedAttendees", 1, "makeUpsBooked", 1, "makeUpRoomLeft", 0,
                "series", List.of(Map.of("seriesNumber", 22))))
                : uri.startsWith("/api/class-days/") ? Map.of("classDayId", "M3-" + date[0], "items", List.of(finn), "page", 0, "size", 25,
                "totalItems", 1) : null;
        signIn("attendance");
        String roster = get("/class-days/M3-2099-01-12/roster").body();
        assertThat(roster).contains("aria-label=\"Cancel the make-up of Finn Later\">Cancel make-up</button>");
        assertThat(tag(roster, "id=\"cancel-reason-r-finn\"")).contains("required");

        String blank = get(URI.create(post("/class-days/M3-2099-01-12/make-up-cancellation",
                Map.of("registrationId", "r-finn", "seriesNumber", "19", "reason", "  "), true).headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(blank, "id=\"cancel-reason-error-r-finn\"")).contains("Make-up not cancelled. Give the reason");
        assertThat(tag(blank, "id=\"cancel-reason-r-finn\"")).contains("aria-describedby=\"cancel-reason-error-r-finn\"")
                .contains("aria-invalid=\"true\"");
        assertThat(fake.commands).isEmpty();
        // a reason longer than the service takes: its refusal (the limit is the service's rule) at the row's reason field
        fake.refusal = answered(400, "{\"type\":\"urn:kat:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"Some fields are missing or malformed: reason must be at most 500 characters (501 given).\","
                + "\"errors\":[{\"field\":\"reason\",\"message\":\"must be at most 500 characters (501 given)\"}]}");
        String tooLong = get(URI.create(post("/class-days/M3-2099-01-12/make-up-cancellation",
                Map.of("registrationId", "r-finn", "seriesNumber", "19", "reason", "x".repeat(501)), true).headers().firstValue("Location").orElseThrow())
                .getRawPath()).body();
        assertThat(section(tooLong, "id=\"cancel-reason-error-r-finn\"")).contains("Make-up not cancelled. Reason: at most 500 characters; 501 given.");
        assertThat(section(tooLong, "id=\"cancel-reason-r-finn\"", 1000)).as("what was typed").contains("value=\"" + "x".repeat(501) + "\"");
        assertThat(tooLong).doesNotContain("class=\"problem\"");
        fake.refusal = null;
        assertThat(roster).as("the id the make-up form of another day asks for").contains("registration r-finn");

        URI after = URI.create(post("/class-days/M3-2099-01-12/make-up-cancellation",
                Map.of("registrationId", "r-finn", "seriesNumber", "19", "reason", " will attend Series 19's own day "), true)
                .headers().firstValue("Location").orElseThrow());
        assertThat(after.getRawQuery()).as("the roster read at the cancellation's position").isEqualTo("minPosition=7");
        String done = get(after.getRawPath() + "?" + after.getRawQuery()).body();
        assertThat(fake.commands).containsExactly("POST /api/series/series-19/registrations/r-finn/make-ups/M3/cancellation");
        assertThat(fake.bodies).containsExactly(Map.of("reason", "will attend Series 19's own day"));
        assertThat(done).contains("Make-up of registration r-finn on M3-2099-01-12 cancelled; its place is free");

        fake.refusal = new ServiceProblem(409, "no-make-up-booked", "No make-up booked",
                "Module M3 of registration r-finn has no make-up booked; the one on M3-2099-01-12 was cancelled (will attend).", null);
        String refused = get(URI.create(post("/class-days/M3-2099-01-12/make-up-cancellation",
                Map.of("registrationId", "r-finn", "seriesNumber", "19", "reason", "again"), true).headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(refused).contains("Make-up not cancelled. No make-up booked: Module M3 of registration r-finn has no make-up booked; the one on "
                + "M3-2099-01-12 was cancelled (will attend).");

        // before the day starts, no form the service would refuse: attendance, evaluations and reports come once it has
        assertThat(roster).contains("Attendance and the evaluation are recorded once the day starts (09:00 Pacific time).")
                .doesNotContain("Record attendance").doesNotContain("Evaluation completed").doesNotContain("id=\"participant-report\"");
        fake.refusal = null;
        date[0] = "2023-12-18";
        String started = get("/class-days/M3-2023-12-18/roster").body();
        assertThat(started).as("a day that has started").doesNotContain("Cancel make-up").contains("Record attendance")
                .contains("Evaluation completed").contains("id=\"participant-report\"").doesNotContain("id=\"makeUpRegistration\"")
                .contains("This day has started: make-ups are booked on a later day of the module.");
        assertThat(roster).as("a day not started").contains("id=\"makeUpRegistration\"");
    }

    /** A refusal as the service answers it (its problem JSON), read as the console reads every refusal it relays. */
    private static ServiceProblem answered(int status, String json) {
        return ServiceProblem.from(org.springframework.web.client.HttpClientErrorException.create(org.springframework.http.HttpStatusCode.valueOf(status),
                "", org.springframework.http.HttpHeaders.EMPTY, json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), new ObjectMapper());
    }

    /**
     * Found by a fresh reviewer: the roster's time inputs dropped seconds, so a correction sent back unchanged moved a
     * report's 12:30:30 to 12:30 and flipped a CE decision. A recorded time with seconds is shown with them (step 1 s) and
     * sent as recorded; one without keeps the minute-only input.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aRecordedTimeWithSecondsIsShownAndSentBackWithThem() throws Exception {
        rosterWithGia();
        giaOnTheRosterWith("segments", List.of(Map.of("joinedAt", "2026-12-05T17:02:00Z", "leftAt", "2026-12-05T20:00:00Z"),
                Map.of("joinedAt", "2026-12-05T20:30:30Z", "leftAt", "2026-12-06T01:00:00Z")));
        giaOnTheRosterWith("inFull", inFull("30 min 30 s"));
        signIn("attendance");
        String roster = get("/class-days/M1-2026-12-05/roster").body();
        assertThat(tag(roster, "id=\"joined-r-gia-1\"")).contains("value=\"12:30:30\"").contains("step=\"1\"");
        assertThat(tag(roster, "id=\"joined-r-gia\"")).contains("value=\"09:02\"").doesNotContain("step=");
        // the verification as recorded (PLATFORM_LOG) is the one selected, and the row says it
        assertThat(section(roster, "id=\"verification-r-gia\"", 600)).contains("<option value=\"PLATFORM_LOG\" selected=\"selected\">")
                .doesNotContain("<option value=\"STAFF_SIGN_IN\" selected");
        assertThat(section(roster, "id=\"row-r-gia\"", 3000)).contains("verified by platform log");
        // 30 min 30 s away reads as the service's judgement gives it ("30 min 30 s", the decision's words), neither 30 nor 31 min
        assertThat(section(roster, "id=\"row-r-gia\"", 3000)).contains(">Not in full, away 30 min 30 s<").doesNotContain("away 31 min")
                .doesNotContain("away 30 min<");
        correct(true, "&joined=09:02&left=12:00&joined=12:30:30&left=17:00&joined=&left=");
        assertThat(fake.commands).containsExactly("POST /api/series/series-21/registrations/r-gia/attendance-corrections");
        assertThat(String.valueOf(fake.bodies.get(0))).contains("joinedAt=2026-12-05T20:30:30Z");
    }

    private HttpResponse<String> correct(boolean htmx) throws Exception {
        return correct(htmx, "&joined=09:02&left=12:00&joined=12:30&left=17:00&joined=&left=");
    }

    /** Sends Gia's correction form with these joined/left fields (as a browser encodes them), with or without htmx's header. */
    private HttpResponse<String> correct(boolean htmx, String times) throws Exception {
        return correctFor("r-gia", htmx, times);
    }

    /** Sends a correction form for this registration of series 21 with these joined/left fields. */
    private HttpResponse<String> correctFor(String registrationId, boolean htmx, String times) throws Exception {
        String form = "registrationId=" + registrationId + "&seriesNumber=21&correction=true&verification=STAFF_SIGN_IN&reason=sign-in+sheet"
                + times + "&_csrf=" + URLEncoder.encode(csrf(), StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/class-days/M1-2026-12-05/attendance"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (htmx) {
            request.header("HX-Request", "true");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Gia's row of the M1 roster as {@link #rosterWithGia()} gives it, with this field set to this value. */
    @SuppressWarnings("unchecked")
    private void giaOnTheRosterWith(String field, Object value) {
        Function<String, Map<String, Object>> reads = fake.reads;
        fake.reads = uri -> {
            Map<String, Object> view = reads.apply(uri);
            if (view != null && uri.startsWith("/api/class-days/M1-2026-12-05/roster")) {
                Map<String, Object> gia = new LinkedHashMap<>(((List<Map<String, Object>>) view.get("items")).get(0));
                gia.put(field, value);
                Map<String, Object> copy = new LinkedHashMap<>(view);
                copy.put("items", List.of(gia));
                return copy;
            }
            return view;
        };
    }

    private void rosterWithGia() {
        rosterWithGia(false);
    }

    /**
     * The roster's class day as the console's clock sees it, not started yet (the day's date moved to 2099): its make-up
     * form is offered (a make-up is booked only before the day starts).
     */
    private void dayNotStartedYet() {
        Function<String, Map<String, Object>> reads = fake.reads;
        fake.reads = uri -> {
            Map<String, Object> view = reads.apply(uri);
            if (view != null && uri.startsWith("/api/availability/class-days/")) {
                Map<String, Object> later = new LinkedHashMap<>(view);
                later.put("date", "2099-12-05");
                later.put("startsAt", "2099-12-05T17:00:00Z");
                return later;
            }
            return view;
        };
    }

    /** The projection's in-full judgement of a day with {@code away} between segments (its words), neither late nor early. */
    private static Map<String, Object> inFull(String away) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("graceMinutes", 10);
        j.put("allowedAbsenceMinutes", 10);
        j.put("lateArrival", false);
        j.put("earlyDeparture", false);
        j.put("away", away);
        j.put("shortfalls", List.of(away + " away between segments (at most 10)"));
        j.put("attendedInFull", false);
        return j;
    }

    /** Gia on the M1 roster; {@code movedToMakeUp}: not evaluated, her M1 booked on a make-up day (M1-2027-01-18). */
    private void rosterWithGia(boolean movedToMakeUp) {
        Map<String, Object> gia = new LinkedHashMap<>();
        gia.put("registrationId", "r-gia");
        gia.put("seriesNumber", 21);
        gia.put("fullName", "Gia Away");
        gia.put("licenseNumber", "PSY-1");
        gia.put("licenseState", "CA");
        gia.put("ceOption", true);
        gia.put("makeUp", false);
        gia.put("attendance", "CORRECTED");
        gia.put("joinedAt", "2026-12-05T17:02:00Z");
        gia.put("leftAt", "2026-12-06T01:00:00Z");
        gia.put("minutesPresent", null);
        gia.put("verification", "PLATFORM_LOG");
        gia.put("evaluationCompleted", true);
        gia.put("ceEarned", false);
        gia.put("ceWithdrawn", true);
        gia.put("segments", List.of(Map.of("joinedAt", "2026-12-05T17:02:00Z", "leftAt", "2026-12-05T20:00:00Z"),
                Map.of("joinedAt", "2026-12-05T20:30:00Z", "leftAt", "2026-12-06T01:00:00Z")));
        gia.put("inFull", inFull("30 min"));
        if (movedToMakeUp) {
            gia.put("evaluationCompleted", false);
            gia.put("makeUpClassDayId", "M1-2027-01-18");
        }
        Map<String, Object> day = new LinkedHashMap<>(Map.of("classDayId", "M1-2026-12-05", "moduleCode", "M1", "date", "2026-12-05",
                "expectedAttendees", 1, "makeUpsBooked", 0, "makeUpRoomLeft", 0, "series", List.of(Map.of("seriesNumber", 21))));
        day.put("startsAt", "2026-12-05T17:00:00Z");
        fake.reads = uri -> uri.startsWith("/api/availability/class-days/") ? day
                : uri.startsWith("/api/class-days/M1-2026-12-05/roster") ? Map.of("classDayId", "M1-2026-12-05", "items", List.of(gia),
                "page", 0, "size", 25, "totalItems", 1) : null;
    }

    // --- defect 2 and 8: the ledger keeps its filters; payout forms only where a payout can be recorded

    @Test
    void theLedgersPagerAndThePayoutRedirectKeepEveryFilter() throws Exception {
        fake.reads = ledger(List.of(), 60);
        signIn("finance");
        HttpResponse<String> page = get("/ledger?from=2026-11-01&to=2026-11-30&seriesId=series-21&type=REFUND_DECIDED");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/ledger?from=2026-11-01&amp;to=2026-11-30&amp;seriesId=series-21&amp;type=REFUND_DECIDED&amp;page=1\"");

        Map<String, String> form = new LinkedHashMap<>(Map.of("seriesId", "series-21", "registrationId", "r-1", "outcome", "SETTLED",
                "reference", "re_1", "filterFrom", "2026-11-01", "filterTo", "2026-11-30", "filterSeriesId", "series-21"));
        form.put("filterType", "REFUND_DECIDED");
        form.put("filterPage", "1");
        HttpResponse<String> recorded = post("/ledger/payouts", form, true);
        assertThat(recorded.statusCode()).isEqualTo(302);
        assertThat(recorded.headers().firstValue("Location").orElseThrow())
                .contains("from=2026-11-01").contains("to=2026-11-30").contains("seriesId=series-21").contains("type=REFUND_DECIDED").contains("page=1");
        assertThat(fake.commands).containsExactly("POST /api/series/series-21/registrations/r-1/refund-payouts");
    }

    @Test
    void thePayoutColumnShowsTheStatusAndAFormOnlyWhereAPayoutCanBeRecorded() throws Exception {
        Map<String, Object> reversal = refund("e-reversal", "r-settled", "999.12", null);
        reversal.put("type", "PAYOUT_REVERSED");
        reversal.put("reference", "re_back");
        reversal.put("reversesEntryId", "e-settlement");
        reversal.put("rule", null);
        fake.reads = ledger(List.of(
                refund("e-zero", "r-zero", "0.00", null),
                refund("e-pending", "r-pending", "1050.00", "PENDING"),
                refund("e-settled", "r-settled", "999.12", "SETTLED"), reversal), 4);
        signIn("finance");
        String body = get("/ledger").body();
        // a reversal names the settlement it reverses (product rule), as the API and the CSV do
        assertThat(body).contains("re_back").contains("reverses entry e-settlement");
        assertThat(body).doesNotContain("id=\"outcome-e-zero\"").contains("no payout due");
        assertThat(body).contains("id=\"outcome-e-pending\"").contains("pending");
        assertThat(section(body, "outcome-e-pending")).contains("value=\"SETTLED\"").contains("value=\"FAILED\"").doesNotContain("value=\"REVERSED\"");
        assertThat(section(body, "outcome-e-settled")).contains("value=\"REVERSED\"").doesNotContain("value=\"SETTLED\"");
        assertThat(body).contains("retained $1,050.00").doesNotContain("$1050.00");
    }

    // --- defect 3: a command that succeeded is reported done when the read-back fails

    @Test
    void aCommandThatSucceededIsReportedDoneEvenWhenTheProjectionServiceIsDown() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/catalog/series/21") ? Map.of("seriesId", "series-21", "seriesNumber", 21) : null;
        signIn("admin");
        HttpResponse<String> changed = post("/series/21/capacity", Map.of("capacity", "30", "reason", "room"), true);
        assertThat(changed.statusCode()).isEqualTo(302);
        fake.projectionDown = true;
        HttpResponse<String> after = get(URI.create(changed.headers().firstValue("Location").orElseThrow()).getRawPath() + "?minPosition=7");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("Capacity changed to 30.").contains("may lag").doesNotContain("Nothing was changed");
    }

    @Test
    void anUnreachableServiceIsA503PageThatSays503AndNeverNull() throws Exception {
        fake.projectionDown = true;
        signIn("admin");
        HttpResponse<String> page = get("/series");
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("(503 service-unreachable)").doesNotContain("null");
    }

    // --- defect 4: bad addresses are HTML pages naming the field

    @Test
    void badDatesAndPageNumbersAre400PagesNamingTheField() throws Exception {
        fake.reads = ledger(List.of(), 0);
        signIn("finance");
        for (String path : List.of("/ledger?from=2026-13-01", "/ledger?from=abc", "/ledger/entries.csv?to=abc")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(400);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("is not a calendar date");
        }
        // the ledger keeps its filter form, the refusal at its field and what was typed, no entries (a fresh reviewer's
        // bad date replaced the whole page)
        String badFrom = get("/ledger?from=abc&to=2026-11-30").body();
        assertThat(section(badFrom, "id=\"from-error\"")).contains("&#39;abc&#39; is not a calendar date");
        assertThat(tag(badFrom, "id=\"from\"")).contains("value=\"abc\"").contains("aria-describedby=\"from-error\"");
        assertThat(tag(badFrom, "id=\"to\"")).contains("value=\"2026-11-30\"");
        assertThat(badFrom).contains("id=\"ledger-filter\"").doesNotContain("id=\"entries\"");
        // an unknown series: at the series field, in the ledger's words (it read "pass the command's KAT-Event-Position")
        var ledgerReads = fake.reads;
        fake.reads = uri -> {
            if (uri.contains("seriesId=nope")) {
                throw new ServiceProblem(404, "not-found", "Not found", "Not found (yet): pass the command's KAT-Event-Position as minPosition.", null);
            }
            return ledgerReads.apply(uri);
        };
        HttpResponse<String> unknown = get("/ledger?seriesId=nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(section(unknown.body(), "id=\"seriesId-error\"")).contains("No ledger entries name the series &#39;nope&#39;");
        assertThat(unknown.body()).doesNotContain("KAT-Event-Position");
        fake.reads = ledgerReads;
        HttpResponse<String> page = get("/ledger?page=abc");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("&#39;abc&#39; is not a valid page", "(400 invalid-query)").doesNotContain("invalid-page");

        signIn("admin");
        // a number in digits only, as the services read it: a fresh reviewer's /series/+20 showed Series 20 (the service: 400)
        for (String path : List.of("/series?page=abc", "/series/abc", "/series/+20", "/series/%2B20", "/series?page=%2B1", "/series?page=-1",
                "/series?page=%201", "/series/99999999999")) {
            HttpResponse<String> p = get(path);
            assertThat(p.statusCode()).as(path).isEqualTo(400);
            assertThat(p.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
            assertThat(p.body()).as(path).contains("is not a valid", path.contains("?") ? "(400 invalid-query)" : "(400 invalid-path)");
        }
        assertThat(get("/series?page=-1").body()).contains("&#39;-1&#39; is not a valid page: a whole number in digits 0-9 only, without a sign or spaces.");
        assertThat(get("/series/99999999999").body()).contains("&#39;99999999999&#39; is not a valid number: more than the console reads (at most 2,147,483,647).");
        // a form without one of its fields is the form's problem, not the address's
        int sent = fake.commands.size();
        HttpResponse<String> noReason = post("/series/21/capacity", Map.of("capacity", "12"), true);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("Check the form", "The form&#39;s field reason is missing; nothing was changed.", "(400 invalid-request)")
                .doesNotContain("Check the address");
        assertThat(fake.commands).hasSize(sent);
    }

    @Test
    void aPagePastTheLastSaysSoAndTheSizeIsPassedThrough() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/availability/series?")
                ? Map.of("items", List.of(), "page", Integer.parseInt(param(uri, "page")), "size", Integer.parseInt(param(uri, "size")), "totalItems", 3)
                : null;
        signIn("admin");
        String past = get("/series?page=1").body();
        assertThat(past).doesNotContain("Page 2 of 1").contains("There is no page 2").contains("href=\"/series?page=0\"");
        String small = get("/series?size=2").body();
        assertThat(fake.readUris).last().asString().contains("size=2");
        assertThat(small).contains("Page 1 of 2").contains("href=\"/series?size=2&amp;page=1\"");
    }

    // --- defect 7: a price that is not plain dollars is a field message

    @Test
    void aLoosePriceIsAFieldMessageAndNothingIsScheduled() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/catalog/modules") ? Map.of("items", List.of()) : null;
        signIn("admin");
        HttpResponse<String> page = post("/series", Map.of("seriesNumber", "40", "capacity", "30", "price", "2,1", "ceOptionPrice", "1e3",
                "module0", "M1", "date0", "2026-12-05"), true);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(section(page.body(), "id=\"price-error\"")).contains("&#39;2,1&#39; is not a price");
        assertThat(section(page.body(), "id=\"ceOptionPrice-error\"")).contains("&#39;1e3&#39; is not a price");
        // plain dollars, but more cents than the console can send (a fresh reviewer read "not a price")
        HttpResponse<String> huge = post("/series", Map.of("seriesNumber", "40", "capacity", "30", "price", "$99,999,999,999,999,999.99",
                "module0", "M1", "date0", "2026-12-05"), true);
        assertThat(section(huge.body(), "id=\"price-error\""))
                .contains("&#39;$99,999,999,999,999,999.99&#39; is out of range: far more than any price the service accepts.")
                .doesNotContain("is not a price");
        assertThat(fake.commands).isEmpty();
    }

    /**
     * Found by a fresh reviewer: full-width digits ("２６") in a whole-number field scheduled Series 26 (Java's parseInt reads
     * any script's digits), while prices and the service's paths refuse them. Every whole-number field takes digits 0-9 only.
     */
    @Test
    void digitsOtherThanZeroToNineAreNoWholeNumberInAnyField() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/catalog/modules") ? Map.of("items", List.of())
                : uri.startsWith("/api/catalog/series/21") ? Map.of("seriesId", "series-21", "seriesNumber", 21, "price", "2100.00",
                "ceOptionPrice", "75.00", "totalCeHours", 8, "classDays", List.of(Map.of("classDayId", "M1-2099-12-05", "date", "2099-12-05",
                        "moduleCode", "M1", "moduleTitle", "Intro", "startsAt", "2099-12-05T17:00:00Z", "sharedWithSeries", List.of(), "ceHours", 8)))
                : uri.startsWith("/api/availability/series/series-21") ? Map.of("taken", 3, "capacity", 10, "held", 0, "free", 7, "waitlist", 0,
                "soldOut", false, "registration", "OPEN", "schedule", "UPCOMING") : null;
        signIn("admin");
        String scheduled = post("/series", Map.of("seriesNumber", "\uFF12\uFF16", "capacity", "\u0663\u0660", "price", "2100",
                "module0", "M1", "date0", "2099-12-05"), true).body();
        assertThat(section(scheduled, "id=\"seriesNumber-error\"")).contains("is not a whole number");
        assertThat(section(scheduled, "id=\"capacity-error\"")).contains("is not a whole number");
        assertThat(section(post("/series/21/capacity", Map.of("capacity", "\uFF13\uFF10", "reason", "room"), true).body(), "id=\"capacity-error\""))
                .contains("whole number");
        assertThat(section(post("/series/21/class-days/M1-2099-12-05/make-up-places", Map.of("places", "\uFF12"), true).body(),
                "id=\"places-error-M1-2099-12-05\"")).contains("whole number");
        assertThat(fake.commands).isEmpty();
    }

    /** Found by a fresh reviewer: a row with a module but no date (or a date but no module) was dropped, and the series scheduled without it. */
    @Test
    void aHalfFilledClassDayRowIsAMessageAtThatRowAndNothingIsScheduled() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/catalog/modules") ? Map.of("items", List.of()) : null;
        signIn("admin");
        HttpResponse<String> page = post("/series", Map.of("seriesNumber", "78", "capacity", "5", "price", "2100",
                "module0", "M1", "date0", "2039-06-20", "module1", "M2", "date1", "", "module2", "", "date2", "2039-07-04"), true);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(section(page.body(), "id=\"date1-error\"")).contains("Day 2 has the module M2 but no date");
        assertThat(section(page.body(), "id=\"date2-error\"")).contains("Day 3 has a date but no module");
        assertThat(fake.commands).isEmpty();
        HttpResponse<String> none = post("/series", Map.of("seriesNumber", "78", "capacity", "5", "price", "2100"), true);
        assertThat(section(none.body(), "id=\"classDays-error\"")).contains("List the series&#39; class days");
        assertThat(none.body()).doesNotContain("must not be empty");
        assertThat(fake.commands).isEmpty();
    }

    /** Found by a fresh reviewer: a price above what the service reads was a banner about cents at the top of the form. */
    @Test
    void aPriceAboveWhatTheServiceReadsIsRefusedAtItsFieldInDollars() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/catalog/modules") ? Map.of("items", List.of()) : null;
        signIn("admin");
        // the service's words before and since web/FieldMessages (a fresh reviewer saw "Price: at most 100000000." with the new ones)
        for (String limit : List.of("must be less than or equal to 100000000", "must be at most 100000000")) {
            fake.refusal = new ServiceProblem(400, "invalid-request", "Invalid request", "Some fields are missing or malformed: "
                    + "[ceOptionPriceCents " + limit + ", priceCents " + limit + "]", null,
                    Map.of("priceCents", limit, "ceOptionPriceCents", limit));
            HttpResponse<String> page = post("/series", Map.of("seriesNumber", "77", "capacity", "10", "price", "99999999999",
                    "ceOptionPrice", "1000000.01", "module0", "M1", "date0", "2031-01-06"), true);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(section(page.body(), "id=\"price-error\"")).as(limit).contains("Price: more than the service accepts (at most $1,000,000.00).");
            assertThat(section(page.body(), "id=\"ceOptionPrice-error\"")).as(limit)
                    .contains("CE option price: more than the service accepts (at most $1,000,000.00).");
            assertThat(page.body()).doesNotContain("priceCents must be").doesNotContain("100000000");
        }
    }

    /** Found by a new user: a too-large series number was a message for the whole form, a date like Feb 30 the API's raw text. */
    @Test
    void numbersAndDatesTheConsoleCannotSendAreMessagesAtTheirFields() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/catalog/modules") ? Map.of("items", List.of()) : null;
        signIn("admin");
        HttpResponse<String> page = post("/series", Map.of("seriesNumber", "99999999999", "capacity", "thirty", "price", "2100",
                "module0", "M1", "date0", "2030-02-30", "module1", "M2", "date1", "2030-03-01"), true);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(section(page.body(), "id=\"seriesNumber-error\"")).contains("&#39;99999999999&#39; is out of range: far more than this field allows (the console sends at most 2,147,483,647)");
        assertThat(section(page.body(), "id=\"capacity-error\"")).contains("&#39;thirty&#39; is not a whole number.");
        assertThat(section(page.body(), "id=\"date0-error\"")).contains("&#39;2030-02-30&#39; is not a calendar date");
        assertThat(tag(page.body(), "id=\"date0\"")).contains("aria-invalid=\"true\"").contains("aria-describedby=\"date0-error\"");
        assertThat(tag(page.body(), "id=\"date1\"")).doesNotContain("aria-invalid");
        assertThat(page.body()).doesNotContain("Series number and capacity are whole numbers").doesNotContain("LocalDate");
        // a blank number (a request without the browser's required check) is asked for, not quoted as ''
        HttpResponse<String> blank = post("/series", Map.of("seriesNumber", " ", "capacity", "", "price", "2100",
                "module0", "M1", "date0", "2030-03-02"), true);
        assertThat(section(blank.body(), "id=\"seriesNumber-error\"")).contains("Give the series number: a whole number.");
        assertThat(section(blank.body(), "id=\"capacity-error\"")).contains("Give the capacity: a whole number.");
        assertThat(blank.body()).doesNotContain("&#39;&#39; is not");
        // a seventh day (the form has six rows) is refused, not dropped
        Map<String, String> seven = new LinkedHashMap<>(Map.of("seriesNumber", "78", "capacity", "10", "price", "2100"));
        for (int i = 0; i < 7; i++) {
            seven.put("module" + i, "M" + (i % 6 + 1));
            seven.put("date" + i, "2031-01-0" + (i + 1));
        }
        HttpResponse<String> sevenDays = post("/series", seven, true);
        assertThat(sevenDays.statusCode()).isEqualTo(200);
        assertThat(sevenDays.body()).contains("A series has at most six class days here (one per module); remove the others.");
        assertThat(fake.commands).isEmpty();
    }

    // --- refusals in the form's words at their input (a fresh reviewer found these in the services' words)

    @Test
    void aPayoutsReferenceOrReasonTooLongIsRefusedAtItsInputInTheFormsWords() throws Exception {
        fake.reads = ledger(List.of(refund("e-pending", "r-pending", "1050.00", "PENDING")), 1);
        signIn("finance");
        // the service's refusal (the limits are its rule) in its current words, at each input
        fake.refusal = answered(400, "{\"type\":\"urn:kat:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"Some fields are missing or malformed: processorRefundReference must be at most 100 characters (113 given);"
                + " failureReason must be at most 500 characters (501 given).\",\"errors\":["
                + "{\"field\":\"processorRefundReference\",\"message\":\"must be at most 100 characters (113 given)\"},"
                + "{\"field\":\"failureReason\",\"message\":\"must be at most 500 characters (501 given)\"}]}");
        HttpResponse<String> refused = post("/ledger/payouts", Map.of("seriesId", "series-21", "registrationId", "r-pending", "outcome", "FAILED",
                "reference", "re_" + "x".repeat(110), "failureReason", "y".repeat(501)), true);
        assertThat(refused.statusCode()).isEqualTo(302);
        String page = get(URI.create(refused.headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(page, "id=\"reference-error-e-pending\"")).contains("Payout not recorded. Processor&#39;s refund reference: at most 100 characters; 113 given.");
        assertThat(section(page, "id=\"failure-error-e-pending\"")).contains("Payout not recorded. Failure reason: at most 500 characters; 501 given.");
        // the inputs keep what was typed (longer than a short section of the page)
        assertThat(section(page, "id=\"reference-e-pending\"", 1_000)).contains("aria-invalid=\"true\"").contains("aria-describedby=\"reference-error-e-pending\"")
                .contains("re_" + "x".repeat(110));
        assertThat(section(page, "id=\"failure-e-pending\"", 1_000)).contains("aria-invalid=\"true\"").contains("aria-describedby=\"failure-error-e-pending\"");
        assertThat(page).doesNotContain("class=\"problem\"");
        // a service of Bean Validation's older words (400 invalid-request listing the fields): at each input, in the same words
        fake.refusal = answered(400, "{\"type\":\"urn:kat:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"Some fields are missing or malformed: [failureReason size must be between 0 and 500, processorRefundReference size must be between 0 and 100]\","
                + "\"errors\":[{\"field\":\"failureReason\",\"message\":\"size must be between 0 and 500\"},"
                + "{\"field\":\"processorRefundReference\",\"message\":\"size must be between 0 and 100\"}]}");
        String service = get(URI.create(post("/ledger/payouts", Map.of("seriesId", "series-21", "registrationId", "r-pending", "outcome", "FAILED",
                "reference", "re_1", "failureReason", "card closed"), true).headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(service, "id=\"reference-error-e-pending\"")).contains("Payout not recorded. Processor&#39;s refund reference: at most 100 characters.");
        assertThat(section(service, "id=\"failure-error-e-pending\"")).contains("Payout not recorded. Failure reason: at most 500 characters.");
        assertThat(service).doesNotContain("processorRefundReference").doesNotContain("size must be").doesNotContain("class=\"problem\"");
        // and when the entry is not on the page, the same words at the top
        fake.reads = ledger(List.of(), 0);
        String off = get(URI.create(post("/ledger/payouts", Map.of("seriesId", "series-21", "registrationId", "r-pending", "outcome", "FAILED",
                "reference", "re_1", "failureReason", "card closed"), true).headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(off, "class=\"problem\" role=\"alert\"")).contains("Failure reason: at most 500 characters").doesNotContain("size must be");
    }

    @Test
    void anIdTooLongForAMakeUpOrACreditLookupIsRefusedAtItsInputInTheFormsWords() throws Exception {
        rosterWithGia();
        dayNotStartedYet();
        signIn("attendance");
        String longId = "r-" + "0".repeat(38);
        String page = get(URI.create(post("/class-days/M1-2026-12-05/make-ups", Map.of("registrationId", longId, "seriesNumber", "30"), true)
                .headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(page, "id=\"makeUpRegistration-error\"")).contains("A registration id is at most 36 characters; this one has 40: check it.");
        assertThat(tag(page, "id=\"makeUpRegistration\"")).contains("aria-invalid=\"true\"").contains("aria-describedby=\"makeUpRegistration-error\"");
        String spaced = get(URI.create(post("/class-days/M1-2026-12-05/make-ups", Map.of("registrationId", "r 2", "seriesNumber", "30"), true)
                .headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(spaced, "id=\"makeUpRegistration-error\"")).contains("A registration id has only letters, digits and . _ ~ : -; this one has a space");
        assertThat(fake.commands).isEmpty();
        // the service's invalid-path refusal (its own limit) in the same kind of words, never "path parameter"
        fake.refusal = answered(400, "{\"type\":\"urn:kat:problem:invalid-path\",\"title\":\"Invalid path\",\"status\":400,\"detail\":"
                + "\"The path parameter 'registrationId' must be 1 to 36 of the characters A-Z a-z 0-9 . _ ~ : -; it has 37 characters; check the id in the path.\","
                + "\"parameter\":\"registrationId\"}");
        String service = get(URI.create(post("/class-days/M1-2026-12-05/make-ups", Map.of("registrationId", "r-2", "seriesNumber", "30"), true)
                .headers().firstValue("Location").orElseThrow()).getRawPath()).body();
        assertThat(section(service, "id=\"makeUpRegistration-error\"")).contains("Make-up not booked. Check the registration id: an id is 1 to 36 characters");
        assertThat(service).doesNotContain("path parameter").doesNotContain("in the path");

        fake.refusal = null;
        signIn("finance");
        HttpResponse<String> credit = get("/credit?clinicianId=c-" + "9".repeat(38));
        assertThat(credit.statusCode()).isEqualTo(200);
        assertThat(section(credit.body(), "id=\"clinicianId-error\"")).contains("A clinician id is at most 36 characters; this one has 40: check it.");
        assertThat(tag(credit.body(), "id=\"clinicianId\"")).contains("aria-invalid=\"true\"").contains("aria-describedby=\"clinicianId-error\"");
        assertThat(fake.readUris).noneMatch(u -> u.startsWith("/api/credit/"));
        fake.reads = uri -> {
            throw answered(400, "{\"type\":\"urn:kat:problem:invalid-path\",\"title\":\"Invalid path\",\"status\":400,\"detail\":"
                    + "\"The path parameter 'clinicianId' must be 1 to 36 of the characters A-Z a-z 0-9 . _ ~ : -; check the id in the path.\",\"parameter\":\"clinicianId\"}");
        };
        HttpResponse<String> refusedByService = get("/credit?clinicianId=c-1");
        assertThat(refusedByService.statusCode()).isEqualTo(200);
        assertThat(section(refusedByService.body(), "id=\"clinicianId-error\"")).contains("Check the clinician id: an id is 1 to 36 characters");
        assertThat(refusedByService.body()).doesNotContain("path parameter");
    }

    @Test
    void aClassDayMoveWithoutAUsableDateIsAskedForAtTheDateInput() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/catalog/series/21") ? Map.of("seriesId", "series-21", "seriesNumber", 21, "price", "2100.00",
                "ceOptionPrice", "75.00", "totalCeHours", 8, "classDays", List.of(Map.of("classDayId", "M1-2026-12-05", "date", "2026-12-05", "moduleCode", "M1", "moduleTitle", "Intro",
                        "startsAt", "2026-12-05T17:00:00Z", "sharedWithSeries", List.of(), "ceHours", 8)))
                : uri.startsWith("/api/availability/series/series-21") ? Map.of("taken", 3, "capacity", 10, "held", 0, "free", 7, "waitlist", 0,
                "soldOut", false, "registration", "OPEN", "schedule", "UPCOMING") : null;
        signIn("admin");
        String blank = post("/series/21/class-days/M1-2026-12-05/move", Map.of("newDate", "", "reason", "room booked"), true).body();
        assertThat(section(blank, "id=\"newDate-error-M1-2026-12-05\"")).contains("Give the new date (YYYY-MM-DD).");
        assertThat(tag(blank, "id=\"newDate-M1-2026-12-05\"")).contains("aria-invalid=\"true\"").contains("aria-describedby=\"newDate-error-M1-2026-12-05\"");
        assertThat(section(blank, "id=\"moveReason-M1-2026-12-05\"")).contains("value=\"room booked\"");
        String unreadable = post("/series/21/class-days/M1-2026-12-05/move", Map.of("newDate", "2027-02-30", "reason", "room booked"), true).body();
        assertThat(section(unreadable, "id=\"newDate-error-M1-2026-12-05\"")).contains("&#39;2027-02-30&#39; is not a calendar date (YYYY-MM-DD).");
        assertThat(fake.commands).isEmpty();
        // the service's reading of a date it could not read, in the same words
        fake.refusal = answered(400, "{\"type\":\"urn:kat:problem:malformed-request\",\"title\":\"Malformed request body\",\"status\":400,"
                + "\"detail\":\"Field 'newDate' must be a date (YYYY-MM-DD); '2027-1-5' is not one.\",\"field\":\"newDate\"}");
        String service = post("/series/21/class-days/M1-2026-12-05/move", Map.of("newDate", "2027-01-05", "reason", "room booked"), true).body();
        assertThat(section(service, "id=\"newDate-error-M1-2026-12-05\"")).contains("is not a calendar date (YYYY-MM-DD).");
        assertThat(service).doesNotContain("Field &#39;newDate&#39;");
    }

    @Test
    void theClinicianSearchsLengthLimitIsAMessageAtItsInputInTheFormsWords() throws Exception {
        signIn("compliance");
        for (String q : List.of("x", "y".repeat(201), "%E2%80%8B%E2%80%8B")) {
            HttpResponse<String> page = get("/clinicians?q=" + q);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(section(page.body(), "id=\"q-error\"")).contains(q.length() > 200
                    ? "Type at most 200 characters of the name, e-mail address or license number; this search has " + q.length() + "."
                    : "Type at least 2 letters or digits (or 1 Chinese, Japanese or Korean character) of the name");
            assertThat(tag(page.body(), "id=\"q\"")).contains("aria-invalid=\"true\"").contains("aria-describedby=\"q-error\"");
        }
        assertThat(fake.readUris).noneMatch(u -> u.startsWith("/api/clinicians"));
        // one Chinese, Japanese or Korean character is a search; 200 letters with invisible characters pasted between them are 200
        for (String q : List.of("%E7%8E%8B", "ab".repeat(100).replace("b", "b%E2%80%8B"))) {
            HttpResponse<String> page = get("/clinicians?q=" + q);
            assertThat(page.statusCode()).as(q).isEqualTo(200);
            assertThat(page.body()).as(q).doesNotContain("id=\"q-error\"");
        }
        assertThat(fake.readUris).filteredOn(u -> u.startsWith("/api/clinicians")).hasSize(2);
        // the service's refusal of the length, in the same words
        fake.reads = uri -> {
            throw answered(400, "{\"type\":\"urn:kat:problem:invalid-query\",\"title\":\"Invalid query parameter\",\"status\":400,"
                    + "\"detail\":\"q (the name, e-mail or license number to find) must be at most 200 characters, characters that draw nothing"
                    + " not counted; this one has 201.\",\"parameter\":\"q\"}");
        };
        String service = get("/clinicians?q=ab").body();
        assertThat(section(service, "id=\"q-error\"")).contains("Type at most 200 characters");
        // the service's refusal of a text that is invisible characters only, in the form's words
        fake.reads = uri -> {
            throw answered(400, "{\"type\":\"urn:kat:problem:invalid-query\",\"title\":\"Invalid query parameter\",\"status\":400,"
                    + "\"detail\":\"q (the name, e-mail or license number to find) must hold at least 2 letters or digits, or 1 Chinese, Japanese"
                    + " or Korean character, once the characters that draw nothing and the accents are left out; this one holds 1.\",\"parameter\":\"q\"}");
        };
        assertThat(section(get("/clinicians?q=%CC%81%CC%81a").body(), "id=\"q-error\"")).contains("Type at least 2 letters or digits");
        fake.reads = uri -> {
            throw answered(400, "{\"type\":\"urn:kat:problem:invalid-query\",\"title\":\"Invalid query parameter\",\"status\":400,"
                    + "\"detail\":\"q (the name, e-mail or license number to find) must be 2 to 200 characters.\",\"parameter\":\"q\"}");
        };
        assertThat(tag(service, "id=\"q\"")).contains("aria-describedby=\"q-error\"");
        assertThat(service).doesNotContain("q (the name");
        // any other refusal of the search is at its input too, with the aria links
        fake.reads = uri -> {
            throw answered(400, "{\"type\":\"urn:kat:problem:invalid-query\",\"title\":\"Invalid query parameter\",\"status\":400,"
                    + "\"detail\":\"The query parameter 'q' has U+0007, a control character no query value here has.\",\"parameter\":\"q\"}");
        };
        assertThat(tag(get("/clinicians?q=ab").body(), "id=\"q\"")).contains("aria-invalid=\"true\"").contains("aria-describedby=\"q-error\"");
    }

    /**
     * Found by a fresh reviewer: a past date and a repeated module were shown for the class days as a group; the service's
     * problem names the day (classDays[i], counting the days sent), so the message is at that day's row.
     */
    @Test
    void aRefusalAboutOneClassDayIsShownAtThatDaysRow() throws Exception {
        fake.reads = uri -> uri.startsWith("/api/catalog/modules") ? Map.of("items", List.of(Map.of("code", "M1", "title", "Intro"),
                Map.of("code", "M2", "title", "Ethics"))) : null;
        signIn("admin");
        // the second row is left blank: the service's second day (classDays[1]) is the form's third row
        Map<String, String> form = new LinkedHashMap<>(Map.of("seriesNumber", "77", "capacity", "10", "price", "2100",
                "module0", "M1", "date0", "2031-01-06", "module2", "M1", "date2", "2031-01-13"));
        fake.refusal = answered(422, "{\"type\":\"urn:kat:problem:duplicate-module\",\"title\":\"Duplicate module\",\"status\":422,"
                + "\"detail\":\"Module M1 is listed twice; a series runs each module once.\",\"field\":\"classDays[1].module\"}");
        String repeated = post("/series", form, true).body();
        assertThat(section(repeated, "id=\"module2-error\"")).contains("Day 3 repeats module M1 (day 1 has it too): a series runs each module once");
        assertThat(tag(repeated, "id=\"module2\"")).contains("aria-invalid=\"true\"").contains("aria-describedby=\"module2-error\"");
        assertThat(tag(repeated, "id=\"module0\"")).doesNotContain("aria-invalid");
        assertThat(tag(repeated, "id=\"date2\"")).contains("value=\"2031-01-13\"").doesNotContain("aria-invalid");
        assertThat(section(repeated, "class=\"problem\" role=\"alert\"")).contains("Series not scheduled: see the message at day 3.");
        assertThat(SeriesPages.classDayErrors(new ServiceProblem(422, "duplicate-date", "Duplicate date", "…", "classDays[1].date"),
                Map.of("module0", "M1", "date0", "2030-01-07", "module1", "M2", "date1", "2030-01-07")))
                .containsExactly(Map.entry("date1", "Day 2 is on Mon Jan 7, 2030, the same date as day 1: a class day runs one module; choose another date."));
        assertThat(repeated).doesNotContain("id=\"classDays-error\"").doesNotContain("listed twice");

        form.put("date0", "2020-01-06");
        fake.refusal = answered(422, "{\"type\":\"urn:kat:problem:class-day-in-past\",\"title\":\"Class day in past\",\"status\":422,"
                + "\"detail\":\"The M1 class day on 2020-01-06 has already started; a new series needs class days in the future.\",\"field\":\"classDays[0].date\"}");
        String past = post("/series", form, true).body();
        assertThat(section(past, "id=\"date0-error\"")).contains("Day 1 (M1 on Mon Jan 6, 2020) has already started: a new series needs class days after today.");
        assertThat(tag(past, "id=\"date0\"")).contains("value=\"2020-01-06\"").contains("aria-invalid=\"true\"").contains("aria-describedby=\"date0-error\"");
        assertThat(tag(past, "id=\"date2\"")).doesNotContain("aria-invalid");
        assertThat(past).doesNotContain("id=\"classDays-error\"");

        // a problem that names no one day stays with the class days as a group (nothing guessed)
        fake.refusal = new ServiceProblem(422, "class-day-in-past", "Class day in past", "A class day has already started.", null);
        String unnamed = post("/series", form, true).body();
        assertThat(section(unnamed, "id=\"classDays-error\"")).contains("A class day has already started.");
        assertThat(unnamed).doesNotContain("id=\"date0-error\"").doesNotContain("id=\"module2-error\"");
        assertThat(fake.commands).isEmpty();
    }

    /** Found by a fresh reviewer: a From after the To was the error page at the top, with the service's slug. */
    @Test
    void aLedgerFromAfterItsToIsShownInWordsAtTheDateInputs() throws Exception {
        fake.reads = ledger(List.of(), 0);
        signIn("finance");
        HttpResponse<String> page = get("/ledger?from=2026-12-10&to=2026-12-01");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(section(page.body(), "id=\"range-error\"")).contains("From (Thu Dec 10, 2026) is after To (Tue Dec 1, 2026): choose a From date on or before the To date");
        assertThat(tag(page.body(), "id=\"from\"")).contains("value=\"2026-12-10\"").contains("aria-invalid=\"true\"").contains("aria-describedby=\"range-error\"");
        assertThat(tag(page.body(), "id=\"to\"")).contains("value=\"2026-12-01\"").contains("aria-invalid=\"true\"").contains("aria-describedby=\"range-error\"");
        assertThat(page.body()).doesNotContain("invalid-query").doesNotContain("from must be before to").doesNotContain("class=\"problem\"");
        assertThat(fake.readUris).noneMatch(u -> u.startsWith("/api/ledger/entries"));
        // the service's refusal of the range (named at "to") at the same inputs, in words
        fake.reads = uri -> {
            throw answered(400, "{\"type\":\"urn:kat:problem:invalid-query\",\"title\":\"Invalid query parameter\",\"status\":400,"
                    + "\"detail\":\"to (2026-12-02T00:00:00Z) must be after from (2026-12-02): to is excluded.\",\"parameter\":\"to\"}");
        };
        HttpResponse<String> service = get("/ledger?from=2026-12-01&to=2026-12-01");
        assertThat(service.statusCode()).isEqualTo(400);
        assertThat(section(service.body(), "id=\"range-error\"")).contains("the From date must be on or before the To date");
        assertThat(tag(service.body(), "id=\"to\"")).contains("aria-describedby=\"range-error\"");
        assertThat(service.body()).doesNotContain("invalid-query").doesNotContain("must be after from");
        // a single bad date stays at its own input
        fake.reads = ledger(List.of(), 0);
        String bad = get("/ledger?from=2026-13-01&to=2026-12-01").body();
        assertThat(tag(bad, "id=\"from\"")).contains("aria-describedby=\"from-error\"");
        assertThat(tag(bad, "id=\"to\"")).doesNotContain("aria-invalid");
    }

    // --- helpers

    private static Map<String, Object> refund(String entryId, String registrationId, String amount, String payoutStatus) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("entryId", entryId);
        e.put("occurredAt", "2026-11-10T18:00:00Z");
        e.put("type", "REFUND_DECIDED");
        e.put("seriesId", "series-21");
        e.put("registrationId", registrationId);
        e.put("amount", amount);
        e.put("adminFeeKept", "0.00");
        e.put("processingFeeKept", "0.00");
        e.put("retained", "1050.00");
        e.put("policyVersion", "v1");
        e.put("rule", "LATE_HALF_REFUND");
        e.put("reference", null);
        e.put("reversesEntryId", null);
        e.put("note", null);
        e.put("actor", "frontend");
        e.put("payoutStatus", payoutStatus);
        return e;
    }

    private static Function<String, Map<String, Object>> ledger(List<Map<String, Object>> items, int total) {
        return uri -> {
            if (uri.startsWith("/api/ledger/entries")) {
                String page = param(uri, "page");
                return Map.of("items", items, "page", page == null ? 0 : Integer.parseInt(page), "size", 25, "totalItems", total);
            }
            if (uri.startsWith("/api/ledger/totals")) {
                Map<String, Object> totals = new LinkedHashMap<>();
                for (String k : List.of("payments", "refundsDecided", "refundsPaid", "payoutsFailed", "payoutsReversed", "adminFeesKept", "processingFeesKept",
                        "retainedOnLateRefunds", "creditIssued", "creditApplied", "creditOutstandingAtEnd")) {
                    totals.put(k, "0.00");
                }
                return totals;
            }
            return null;
        };
    }

    private static String param(String uri, String name) {
        return UriComponentsBuilder.fromUriString(uri).build().getQueryParams().getFirst(name);
    }

    /** The opening tag of the element whose attributes start with the marker (e.g. its id). */
    private static String tag(String body, String marker) {
        String s = section(body, marker);
        return s.substring(0, s.indexOf('>') + 1);
    }

    private static String section(String body, String marker) {
        return section(body, marker, 400);
    }

    private static String section(String body, String marker, int length) {
        int i = body.indexOf(marker);
        assertThat(i).as(marker).isNotNegative();
        return body.substring(i, Math.min(body.length(), i + length));
    }

    private void signIn(String user) throws Exception {
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> in = post("/login", Map.of("username", user, "password", user + "-test-password"), true);
        assertThat(in.statusCode()).isEqualTo(302);
        assertThat(in.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    /**
     * Signs in as a browser would from a signed-out page: follows its redirect to the sign-in page and sends that page's form,
     * its hidden fields (CSRF token, the key of the page to return to) included.
     */
    private HttpResponse<String> signInFrom(HttpResponse<String> signedOut, String user) throws Exception {
        return signInFrom(signedOut, user, user + "-test-password");
    }

    private HttpResponse<String> signInFrom(HttpResponse<String> signedOut, String user, String password) throws Exception {
        URI login = URI.create("http://localhost:" + port).resolve(signedOut.headers().firstValue("Location").orElseThrow());
        String form = get(login.getRawPath() + (login.getRawQuery() == null ? "" : "?" + login.getRawQuery())).body();
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(form);
        while (hidden.find()) {
            fields.put(hidden.group(1), hidden.group(2));
        }
        assertThat(fields).containsKey("_csrf");
        fields.put("username", user);
        fields.put("password", password);
        return post("/login", fields, false);
    }

    private String csrf() throws Exception {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get("/login").body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form, boolean withCsrf) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (withCsrf) {
            fields.put("_csrf", csrf());
        }
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The services as canned views: reads answer what {@link #reads} gives (else an empty view); commands are recorded and succeed. */
    static class FakeRelay extends ApiRelay {

        volatile Function<String, Map<String, Object>> reads = uri -> null;
        volatile boolean projectionDown;
        volatile ServiceProblem refusal;
        volatile Function<String, ResponseEntity<byte[]>> files = path -> ResponseEntity.ok(new byte[0]);
        /** Each download asked for: its path and query. */
        final List<String> downloads = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> commands = new ArrayList<>();
        final List<Object> bodies = new ArrayList<>();
        final List<String> readUris = new ArrayList<>();
        final List<String> uploads = new ArrayList<>();
        volatile Map<String, Object> uploadAnswer = Map.of();
        volatile Map<String, Object> projectionAnswer = Map.of();
        /** What a command answers besides its position (e.g. a correction's {@code recorded}). */
        volatile Map<String, Object> commandAnswer = Map.of();

        FakeRelay() {
            super(RestClient.builder(), new ObjectMapper(), null, "http://localhost:9", "http://localhost:9");
        }

        void reset() {
            commandAnswer = Map.of();
            uploads.clear();
            uploadAnswer = Map.of();
            projectionAnswer = Map.of();
            reads = uri -> null;
            projectionDown = false;
            refusal = null;
            files = path -> ResponseEntity.ok(new byte[0]);
            commands.clear();
            bodies.clear();
            readUris.clear();
        }

        private Map<String, Object> answer(String uri) {
            readUris.add(uri);
            if (projectionDown) {
                throw ApiRelay.unreachable(new org.springframework.web.client.ResourceAccessException("I/O error",
                        new java.net.ConnectException()));
            }
            Map<String, Object> view = reads.apply(uri);
            return view == null ? Map.of() : view;
        }

        @Override
        public Map<String, Object> read(String uri, Object... variables) {
            return answer(UriComponentsBuilder.fromUriString(uri).buildAndExpand(variables).toUriString());
        }

        @Override
        public Map<String, Object> read(String path, Map<String, ?> query) {
            UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
            query.forEach((k, v) -> {
                if (v != null && !String.valueOf(v).isBlank()) {
                    b.queryParam(k, v);
                }
            });
            return answer(b.build().toUriString());
        }

        @Override
        public ResponseEntity<byte[]> download(String path, Map<String, ?> query) {
            readUris.add(path);
            downloads.add(path + " " + query);
            return files.apply(path);
        }

        @Override
        public Map<String, Object> projectionCommand(String uri, Object... variables) {
            if (refusal != null) {
                throw refusal;
            }
            commands.add("POST " + UriComponentsBuilder.fromUriString(uri).buildAndExpand(variables).toUriString());
            return projectionAnswer;
        }

        @Override
        public Map<String, Object> upload(String path, Map<String, ?> query, org.springframework.http.MediaType type,
                                          org.springframework.core.io.Resource file) {
            if (refusal != null) {
                throw refusal;
            }
            try (java.io.InputStream in = file.getInputStream()) {
                uploads.add(path + " " + query + " " + type + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Map<String, Object> answer = new LinkedHashMap<>(uploadAnswer);
            answer.put(EVENT_POSITION, "7");
            return answer;
        }

        @Override
        public Map<String, Object> command(HttpMethod method, String uri, Object body, Object... variables) {
            if (refusal != null) {
                throw refusal;
            }
            commands.add(method.name() + " " + UriComponentsBuilder.fromUriString(uri).buildAndExpand(variables).toUriString());
            bodies.add(body);
            Map<String, Object> answer = new LinkedHashMap<>(commandAnswer);
            answer.put(EVENT_POSITION, "7");
            return answer;
        }
    }
}
