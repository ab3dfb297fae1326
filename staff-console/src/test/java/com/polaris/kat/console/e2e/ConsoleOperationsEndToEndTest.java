package com.polaris.kat.console.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's operations screens in a real headless Chromium against the real services on real
 * PostgreSQL: the registrar reads a series' waitlist (places in order, the open offer, seats held) and
 * its offer window, has a refused window shown at its field and changes it (the page reads the new
 * window back from the projection service); attendance staff see a record of minutes only with a
 * blank correction form and correct it; upload the video platform's participant report (a wrong time
 * zone and an empty file refused at their fields, then the report imported: who matched, which lines
 * did not); set unmatched lines aside (a matched line refused at the lines field); and see a report that contradicts
 * a record by hand beside that record. Each step saves
 * a screenshot (staff-console/target/screenshots/; docs/screenshots/ too with KAT_UPDATE_SCREENSHOTS=1).
 * The steps build on each other, in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.profiles.active=local")
// the console's clock moves with the services' (its roster offers attendance forms once a day has started)
@org.springframework.context.annotation.Import(com.polaris.kat.e2eclock.ShiftedClock.Replace.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleOperationsEndToEndTest {

    private static final int SERIES = 52;
    private static final String SERIES_ID = "series-" + SERIES;
    private static final LocalDate DAY = LocalDate.now(com.polaris.kat.console.Pacific.ZONE).plusDays(5);
    private static final String CLASS_DAY = "M1-" + DAY;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServiceProcesses services;
    private static ConsoleBrowser browser;
    private static final Map<String, String> registrations = new LinkedHashMap<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        if (services == null) {
            services = ServiceProcesses.start();
        }
        System.setProperty("kat.e2e.clock-file", services.clockFile.toString());
        registry.add("kat.console.enrollment-url", services::enrollmentUrl);
        registry.add("kat.console.projection-url", services::projectionUrl);
        ServiceProcesses.PASSWORDS.forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (services != null) {
            services.close();
        }
    }

    private ConsoleBrowser browser() {
        if (browser == null) {
            browser = new ConsoleBrowser(port);
        }
        return browser;
    }

    @Test
    @Order(1)
    void theRegistrarReadsTheWaitlistInOrderWithTheOpenOfferAndTheDefaultOfferWindow() throws Exception {
        // a sold-out series of three seats, two clinicians waiting, then a cancellation frees a seat for the first of them
        assertCreated(ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/catalog/modules", "admin",
                "{\"code\":\"M1\",\"title\":\"Introduction to Ketamine Assisted Psychotherapy\",\"ceHours\":8}", null));
        assertCreated(ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/catalog/series", "admin", """
                {"seriesNumber":%d,"capacity":3,"priceCents":210000,"ceOptionPriceCents":7500,"classDays":[{"module":"M1","date":"%s"}]}"""
                .formatted(SERIES, DAY), null));
        for (String who : new String[]{"ana", "ben", "cy"}) {
            HttpResponse<String> r = ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/series/" + SERIES_ID + "/registrations", "frontend",
                    clinician(who) + ",\"ceOption\":true,\"payment\":{\"amountPaidCents\":217500,\"chargeReference\":\"ch_" + who
                            + "\",\"processingFeeCents\":6338}}", "ops-" + who);
            assertCreated(r);
            registrations.put(who, JSON.readTree(r.body()).get("registrationId").asText());
        }
        for (String who : new String[]{"wes", "wyn"}) {
            assertCreated(ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/series/" + SERIES_ID + "/waitlist", "frontend",
                    clinician(who) + "}", "ops-wait-" + who));
        }
        HttpResponse<String> cancelled = ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/series/" + SERIES_ID + "/registrations/"
                + registrations.get("cy") + "/cancel", "frontend", "{\"choice\":\"REFUND\",\"reason\":\"cannot attend\"}", null);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);

        ConsoleBrowser b = browser();
        b.signIn("admin");
        b.open("/series/" + SERIES);
        b.waitFor(By.id("waitlist-link")).click();
        b.until(ExpectedConditions.textToBe(By.tagName("h1"), "Waitlist of series " + SERIES));
        WebElement offered = b.refreshUntilPresent(By.cssSelector("#waitlist tr[data-status='OFFERED']"));
        assertThat(b.find(By.id("waitlist-seats")).getText()).contains("2 of 3 seats taken, 1 held for open offers, 0 free; 1 waiting.");
        assertThat(offered.getText()).startsWith("1 ").contains("offered a seat").contains("(a seat was released), seat held until").contains("PST")
                .contains("open: the seat is held");
        assertThat(offered.getText()).contains("Wes Ops").contains("wes.ops@example.org");
        assertThat(b.find(By.cssSelector("#waitlist tr[data-status='WAITING']")).getText()).startsWith("2 ").contains("no offer yet")
                .contains("Wyn Ops").contains("wyn.ops@example.org");
        assertThat(b.find(By.id("offer-window")).getText()).contains("An offer holds its seat for 48 hours (2,880 minutes), the default");
        b.screenshot("registrar-waitlist");
    }

    @Test
    @Order(2)
    void aRefusedOfferWindowIsShownAtItsFieldAndAChangedOneIsReadBack() throws Exception {
        ConsoleBrowser b = browser();
        WebElement minutes = b.find(By.id("offerWindowMinutes"));
        minutes.clear();
        minutes.sendKeys("0");
        b.find(By.id("offerWindowReason")).sendKeys("testing the bounds");
        b.find(By.id("offerWindowReason")).sendKeys(Keys.ENTER); // the keyboard submits the form
        WebElement error = b.waitFor(By.id("offerWindowMinutes-error"));
        assertThat(error.getText()).contains("offer window must be 1 to 43200 minutes");
        assertThat(b.find(By.id("offerWindowMinutes")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(b.driver().findElements(By.cssSelector(".done"))).isEmpty();
        assertThat(b.find(By.id("offer-window")).getText()).contains("48 hours");
        b.screenshot("registrar-offer-window-refused");

        b.find(By.id("offerWindowMinutes")).clear();
        b.find(By.id("offerWindowMinutes")).sendKeys("1440");
        b.find(By.id("offerWindowReason")).clear();
        b.find(By.id("offerWindowReason")).sendKeys("five days to the first class day");
        b.find(By.id("change-offer-window")).click();
        b.until(d -> !d.findElements(By.cssSelector(".done")).isEmpty());
        assertThat(b.find(By.cssSelector(".done")).getText()).contains("Offer window set to 24 hours (1,440 minutes)");
        assertThat(b.find(By.id("offer-window")).getText()).contains("An offer holds its seat for 24 hours (1,440 minutes), set ")
                .contains(" by admin: five days to the first class day.").contains("PST");
        b.screenshot("registrar-offer-window");
    }

    @Test
    @Order(3)
    void aRecordOfMinutesOnlyHasABlankCorrectionFormThatSaysSoAndIsCorrectedFromIt() throws Exception {
        // the services' clock moves to the class day's evening: the day has happened
        long shift = Duration.between(Instant.now(), DAY.atTime(LocalTime.of(17, 30)).atZone(com.polaris.kat.console.Pacific.ZONE).toInstant()).toMillis();
        com.polaris.kat.e2eclock.ShiftedClock.shift(services.clockFile, shift);
        String ben = registrations.get("ben");
        HttpResponse<String> recorded = ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/series/" + SERIES_ID + "/registrations/" + ben
                + "/attendance", "attendance", "{\"classDayId\":\"" + CLASS_DAY + "\",\"minutesPresent\":420,\"verification\":\"STAFF_SIGN_IN\"}", null);
        assertThat(recorded.statusCode()).as(recorded.body()).isIn(200, 201);

        ConsoleBrowser b = browser();
        b.signIn("attendance");
        b.open("/class-days/" + CLASS_DAY + "/roster");
        assertThat(b.refreshUntilPresent(By.id("minutes-only-" + ben)).getText()).contains("Recorded as 420 minutes present, without joined and left times")
                .contains("blank, not guessed");
        assertThat(b.find(By.id("joined-" + ben)).getAttribute("value")).isEmpty();
        assertThat(b.find(By.id("left-" + ben)).getAttribute("value")).isEmpty();
        assertThat(b.find(By.cssSelector("#row-" + ben + " .state")).getText()).isEqualTo("Not in full (420 min)"); // 470 of the day's 480 make it (the service's judgement)
        ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript("arguments[0].scrollIntoView()", b.find(By.id("row-" + ben)));
        b.screenshot("attendance-minutes-only");

        b.setValue(By.id("joined-" + ben), "09:01");
        b.setValue(By.id("left-" + ben), "17:00");
        b.setValue(By.id("left-" + ben + "-1"), "12:00"); // a second segment with no joined time: refused, nothing sent
        b.find(By.id("reason-" + ben)).sendKeys("times from the sign-in sheet");
        b.find(By.cssSelector("#row-" + ben + " button[aria-label^='Record correction']")).click();
        // at the second segment's joined time, the one left blank (not at the first segment's)
        WebElement timeError = b.waitFor(By.id("joinedAt-error-" + ben + "-1"));
        assertThat(timeError.getText()).contains("times like 09:05");
        assertThat(b.find(By.id("joined-" + ben + "-1")).getAttribute("aria-describedby")).isEqualTo("joinedAt-error-" + ben + "-1");
        assertThat(b.find(By.id("joined-" + ben + "-1")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(b.find(By.id("joined-" + ben)).getAttribute("aria-invalid")).isNull();
        assertThat(b.find(By.id("joined-" + ben)).getAttribute("value")).isEqualTo("09:01");
        assertThat(b.find(By.id("left-" + ben)).getAttribute("value")).isEqualTo("17:00");
        assertThat(b.find(By.id("left-" + ben + "-1")).getAttribute("value")).isEqualTo("12:00");
        assertThat(b.find(By.id("reason-" + ben)).getAttribute("value")).isEqualTo("times from the sign-in sheet");
        assertThat(b.find(By.cssSelector("#row-" + ben + " .state")).getText()).isEqualTo("Not in full (420 min)"); // 470 of the day's 480 make it (the service's judgement)
        // a second segment inside the first (typed from a platform log where Ben was connected twice): the service refuses
        // the overlap at that segment, the console offers the box to confirm it, and the confirmed correction counts it once
        b.setValue(By.id("joined-" + ben + "-1"), "12:30");
        b.setValue(By.id("left-" + ben + "-1"), "13:00");
        b.find(By.cssSelector("#row-" + ben + " button[aria-label^='Record correction']")).click();
        WebElement overlap = b.until(d -> {
            java.util.List<WebElement> e = d.findElements(By.id("joinedAt-error-" + ben + "-1"));
            return !e.isEmpty() && e.get(0).getText().contains("overlaps") ? e.get(0) : null;
        });
        assertThat(overlap.getText()).contains("Segment 2 (12:30–13:00) overlaps segment 1 (09:01–17:00) (Pacific time): the two would count"
                + " once, as 09:01–17:00");
        assertThat(b.find(By.cssSelector("#row-" + ben + " .state")).getText()).isEqualTo("Not in full (420 min)"); // 470 of the day's 480 make it (the service's judgement)
        b.find(By.id("overlaps-" + ben)).click();
        b.find(By.cssSelector("#row-" + ben + " button[aria-label^='Record correction']")).click();
        b.until(d -> d.findElement(By.cssSelector("#row-" + ben + " .state")).getText().equals("Present in full"));
        assertThat(b.find(By.id("row-" + ben)).getText()).contains("9:01 AM PST – 5:00 PM PST").contains("(corrected)");
    }

    @Test
    @Order(4)
    void aParticipantReportWithAWrongTimeZoneOrNoContentIsRefusedAtItsField() throws Exception {
        ConsoleBrowser b = browser();
        b.open("/class-days/" + CLASS_DAY + "/roster");
        b.find(By.id("reportFile")).sendKeys(file("zoom-report.csv", report()).toString());
        WebElement zone = b.find(By.id("reportTimeZone"));
        zone.clear();
        zone.sendKeys("PST");
        b.find(By.id("import-report")).click();
        WebElement error = b.waitFor(By.id("timeZone-error"));
        assertThat(error.getText()).contains("'PST' is not a time zone name").contains("IANA time zone, such as America/Los_Angeles");
        assertThat(b.find(By.id("reportTimeZone")).getAttribute("aria-describedby")).isEqualTo("timeZone-error");
        assertThat(b.find(By.id("reportTimeZone")).getAttribute("value")).isEqualTo("PST");
        assertThat(b.driver().findElements(By.cssSelector(".done"))).isEmpty();
        ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript("arguments[0].scrollIntoView()", b.find(By.id("participant-report")));
        b.screenshot("attendance-report-refused");

        b.find(By.id("reportFile")).sendKeys(file("empty.csv", "").toString());
        b.find(By.id("reportTimeZone")).clear();
        b.find(By.id("reportTimeZone")).sendKeys("America/Los_Angeles");
        b.find(By.id("import-report")).click();
        b.until(d -> !d.findElements(By.id("file-error")).isEmpty());
        assertThat(b.find(By.id("file-error")).getText()).contains("The file is empty");
        assertThat(b.driver().findElements(By.id("timeZone-error"))).isEmpty();
        // nothing was imported
        b.open("/class-days/" + CLASS_DAY + "/participant-reports");
        assertThat(b.waitFor(By.tagName("main")).getText()).contains("No participant report has been imported for this day.");
    }

    @Test
    @Order(5)
    void theReportIsImportedShowingWhoMatchedAndWhichLinesDidNot() throws Exception {
        ConsoleBrowser b = browser();
        b.open("/class-days/" + CLASS_DAY + "/roster");
        b.find(By.id("reportFile")).sendKeys(file("zoom-report.csv", report()).toString());
        b.find(By.id("import-report")).click();
        b.until(ExpectedConditions.textToBe(By.tagName("h1"), "Participant reports of " + CLASS_DAY));
        assertThat(b.find(By.cssSelector(".done")).getText()).contains("Imported zoom-report.csv: 5 rows, 2 people matched, 2 unmatched");
        String matched = b.find(By.id("matched")).getText();
        assertThat(matched).contains("Ana Ops").contains("recorded").contains("8:58 AM PST – 11:30 AM PST").contains("11:36 AM PST – 5:00 PM PST")
                .contains("Ben Ops").contains("2, 3");
        String unmatched = b.find(By.id("unmatched")).getText();
        assertThat(unmatched).contains("Guest Observer").contains("(none)").contains("a guest")
                .contains("Zed Unknown").contains("zed.unknown@example.org").contains("no active registration");
        assertThat(b.find(By.cssSelector(".report .open-lines")).getText()).isEqualTo("Unmatched lines still open: 5, 6.");
        b.screenshot("attendance-participant-report");
    }

    @Test
    @Order(6)
    void unmatchedLinesAreSetAsideWithAReasonAndAMatchedLineIsRefusedAtTheLinesField() throws Exception {
        ConsoleBrowser b = browser();
        WebElement other = b.find(By.cssSelector("input[name='otherLines']"));
        other.sendKeys("2");
        WebElement reason = b.find(By.cssSelector(".report input[name='reason']"));
        reason.sendKeys("not a participant");
        reason.sendKeys(Keys.ENTER);
        WebElement error = b.waitFor(By.cssSelector(".report .error"));
        assertThat(error.getAttribute("id")).startsWith("lines-error-");
        assertThat(error.getText()).contains("2");
        assertThat(b.find(By.cssSelector(".report .open-lines")).getText()).isEqualTo("Unmatched lines still open: 5, 6.");
        assertThat(b.driver().findElements(By.cssSelector(".done"))).isEmpty();
        // what was typed is kept with the refusal; the line refused is taken out, the reason rewritten
        WebElement keptLines = b.find(By.cssSelector("input[name='otherLines']"));
        WebElement keptReason = b.find(By.cssSelector(".report input[name='reason']"));
        assertThat(keptLines.getAttribute("value")).isEqualTo("2");
        assertThat(keptReason.getAttribute("value")).isEqualTo("not a participant");
        keptLines.clear();
        keptReason.clear();

        // the boxes of the guest (line 5) and of the unknown address (line 6), ticked from the keyboard
        for (WebElement box : b.driver().findElements(By.cssSelector(".report input[type='checkbox'][name='lines']"))) {
            box.sendKeys(Keys.SPACE);
        }
        b.find(By.cssSelector(".report input[name='reason']")).sendKeys("an observer and the host's second device, not participants");
        b.find(By.cssSelector(".report button[type='submit']")).click();
        b.until(d -> !d.findElements(By.cssSelector(".done")).isEmpty());
        assertThat(b.find(By.cssSelector(".done")).getText()).contains("Lines 5, 6 set aside");
        b.until(d -> d.findElement(By.cssSelector(".report .open-lines")).getText().equals("Unmatched lines still open: none."));
        assertThat(b.find(By.cssSelector(".report .set-aside")).getText()).contains("Lines 5, 6 set aside").contains("PST").contains("by attendance")
                .contains("an observer and the host's second device");
        b.screenshot("attendance-rows-set-aside");
    }

    /**
     * A report that contradicts the attendance staff corrected by hand (Ben, step 3) leaves the record as it is and shows on
     * the roster beside it, with the report's times (kept on Ben's stream), so staff can weigh them.
     */
    @Test
    @Order(7)
    void aReportContradictingTheRecordByHandShowsItsTimesBesideTheRecordOnTheRoster() throws Exception {
        ConsoleBrowser b = browser();
        String ben = registrations.get("ben");
        b.open("/class-days/" + CLASS_DAY + "/roster");
        String d = DAY.format(DateTimeFormatter.ofPattern("MM/dd/yyyy"));
        b.find(By.id("reportFile")).sendKeys(file("zoom-report-ben-left.csv", "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
                + "Ben Ops,ben.ops@example.org," + d + " 09:01:00 AM," + d + " 02:00:00 PM,299,No\r\n").toString());
        b.find(By.id("import-report")).click();
        b.until(ExpectedConditions.textToBe(By.tagName("h1"), "Participant reports of " + CLASS_DAY));
        assertThat(b.find(By.id("matched")).getText()).contains("Ben Ops");
        b.open("/class-days/" + CLASS_DAY + "/roster");
        String said = b.refreshUntilPresent(By.id("report-set-aside-" + ben)).getText();
        // when and by whom it was imported, for staff and an auditor to tell the entries apart (a fresh reviewer's: a SHA-256 prefix alone)
        assertThat(said).contains("(read in America/Los_Angeles, imported ").contains(" by attendance) showed 9:01 AM PST – 2:00 PM PST")
                .contains("The record by hand stands");
        // the record stands as staff corrected it
        assertThat(b.find(By.cssSelector("#row-" + ben + " .state")).getText()).isEqualTo("Present in full");
        assertThat(b.find(By.id("row-" + ben)).getText()).contains("9:01 AM PST – 5:00 PM PST").contains("(corrected)");
        ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript("arguments[0].scrollIntoView()", b.find(By.id("row-" + ben)));
        b.screenshot("attendance-report-set-aside");
        // a reason the service refuses (one that draws nothing) is said at the reason field with what was typed, nothing reviewed
        // (a fresh reviewer's refusal was in the row's message and the typed reason gone)
        b.find(By.id("review-reason-" + ben)).sendKeys("\u200b");
        b.find(By.cssSelector("#row-" + ben + " button[aria-label^='Keep the record']")).click();
        b.until(driver -> !driver.findElements(By.id("review-reason-error-" + ben)).isEmpty());
        assertThat(b.find(By.id("review-reason-error-" + ben)).getText()).isEqualTo("Not reviewed: give the reason (it is kept with the review).");
        assertThat(b.find(By.id("review-reason-" + ben)).getAttribute("value")).isEqualTo("\u200b");
        assertThat(b.find(By.id("review-reason-" + ben)).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(b.find(By.id("report-set-aside-" + ben)).getText()).contains("showed 9:01 AM PST – 2:00 PM PST");
        // a reason longer than kept (past the input's maxlength, as a crafted form sends it): said at the field with the service's
        // bound, the text kept (a fresh reviewer's 70,000 characters were "Body too large" above another form, the text gone)
        ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript("arguments[0].removeAttribute('maxlength'); arguments[0].value = 'x'.repeat(70000)",
                b.find(By.id("review-reason-" + ben)));
        b.find(By.cssSelector("#row-" + ben + " button[aria-label^='Keep the record']")).click();
        b.until(driver -> driver.findElement(By.id("review-reason-error-" + ben)).getText().contains("70000 given"));
        assertThat(b.find(By.id("review-reason-error-" + ben)).getText()).isEqualTo("Not reviewed. Reason: at most 500 characters; 70000 given.");
        assertThat(b.find(By.id("review-reason-" + ben)).getAttribute("value")).hasSize(70000);
        assertThat(b.find(By.id("report-set-aside-" + ben)).getText()).contains("showed 9:01 AM PST – 2:00 PM PST");
        b.find(By.id("review-reason-" + ben)).clear();
        // a colleague imports another report meanwhile (the page does not show it); staff keep their record against the one they
        // see, saying why: it leaves the row, the other stays listed (a fresh reviewer's review had dismissed one never seen)
        HttpResponse<String> other = ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/class-days/" + CLASS_DAY
                + "/participant-reports?timeZone=America/Los_Angeles", "attendance", "Name (Original Name),User Email,Join Time,Leave Time,"
                + "Duration (Minutes),Guest\r\nBen Ops,ben.ops@example.org," + d + " 09:01:00 AM," + d + " 03:00:00 PM,359,No\r\n", null, "text/csv");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        b.find(By.id("review-reason-" + ben)).sendKeys("the sign-in sheet shows him until 5 PM");
        b.find(By.cssSelector("#row-" + ben + " button[aria-label^='Keep the record']")).click();
        b.until(driver -> !driver.findElements(By.cssSelector("#row-" + ben + " .done")).isEmpty());
        assertThat(b.find(By.cssSelector("#row-" + ben + " .done")).getText()).contains("Reports reviewed");
        assertThat(b.find(By.id("report-set-aside-" + ben)).getText()).contains("showed 9:01 AM PST – 3:00 PM PST").doesNotContain("2:00 PM");
        assertThat(b.find(By.cssSelector("#row-" + ben + " .state")).getText()).isEqualTo("Present in full");
        // a row listing two readings is kept in one go (a fresh reviewer's form was refused: "reading" sent more than once)
        HttpResponse<String> third = ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/class-days/" + CLASS_DAY
                + "/participant-reports?timeZone=America/Los_Angeles", "attendance", "Name (Original Name),User Email,Join Time,Leave Time,"
                + "Duration (Minutes),Guest\r\nBen Ops,ben.ops@example.org," + d + " 10:30:00 AM," + d + " 05:00:00 PM,390,No\r\n", null, "text/csv");
        assertThat(third.statusCode()).as(third.body()).isEqualTo(200);
        b.open("/class-days/" + CLASS_DAY + "/roster");
        b.until(driver -> driver.findElement(By.id("report-set-aside-" + ben)).getText().contains("10:30 AM PST"));
        b.find(By.id("review-reason-" + ben)).sendKeys("the sign-in sheet shows him all day");
        b.find(By.cssSelector("#row-" + ben + " button[aria-label^='Keep the record']")).click();
        b.until(driver -> driver.findElements(By.id("report-set-aside-" + ben)).isEmpty());
        assertThat(b.find(By.id("row-" + ben)).getText()).contains("Reports reviewed");
    }

    @Test
    @Order(8)
    void attendanceStaffOpeningTheWaitlistGetThe403Page() throws Exception {
        ConsoleBrowser b = browser();
        b.open("/series/" + SERIES + "/waitlist");
        assertThat(b.waitFor(By.id("forbidden")).getText()).contains("403");
        assertThat(b.driver().getPageSource()).doesNotContain("offer window").doesNotContain("Exception");
    }

    // --- helpers

    private static String clinician(String who) {
        String name = Character.toUpperCase(who.charAt(0)) + who.substring(1) + " Ops";
        return "{\"clinician\":{\"fullName\":\"%s\",\"email\":\"%s.ops@example.org\",\"profession\":\"Psychologist\",\"licenseNumber\":\"PSY-%s\",\"licenseState\":\"CA\"}"
                .formatted(name, who, who.toUpperCase());
    }

    /**
     * The class day's report as Zoom exports it (times in Pacific time): Ana drops and rejoins (lines 2, 3), Ben the whole day
     * (4), a guest without an e-mail address (5) and an address nobody registered with (6).
     */
    private static String report() {
        String d = DAY.format(DateTimeFormatter.ofPattern("MM/dd/yyyy"));
        return "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
                + "Ana Ops,ANA.ops@example.org," + d + " 08:58:00 AM," + d + " 11:30:00 AM,152,No\r\n"
                + "Ana Ops (iPhone),ana.ops@example.org," + d + " 11:36:00 AM," + d + " 05:00:00 PM,324,No\r\n"
                + "Ben Ops,ben.ops@example.org," + d + " 09:01:00 AM," + d + " 05:00:00 PM,479,No\r\n"
                + "Guest Observer,," + d + " 09:02:00 AM," + d + " 04:30:00 PM,448,Yes\r\n"
                + "Zed Unknown,zed.unknown@example.org," + d + " 10:00:00 AM," + d + " 12:00:00 PM,120,No\r\n";
    }

    private static Path file(String name, String content) throws Exception {
        Path dir = ServiceProcesses.root().resolve("staff-console/target/e2e-files");
        Files.createDirectories(dir);
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f.toAbsolutePath();
    }

    private static void assertCreated(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
}
