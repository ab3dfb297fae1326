package com.polaris.kat.console.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The staff console in a real headless Chromium (Debian's chromium and chromium-driver) against the
 * real services on real PostgreSQL (issue 16, "Done when"): the registrar schedules a series; the front
 * end API registers three clinicians; attendance staff record the first class day; the front end
 * cancels one late for a half refund; finance sees the refund in the ledger, records its payout as
 * settled and downloads the CSV; compliance finds a clinician by license number and opens the audit
 * trail of the cancellation with the refund's inputs; a finance user on a compliance page gets a 403
 * page. Then: a refused payout is shown at its field in the browser; compliance reads the transcript and
 * downloads its PDF and CSV through the console; the registrar sets a class day's make-up places with the keyboard only
 * (Tab, Enter, typing), every focus drawn visibly. Every page opened is checked for controls without an
 * accessible name. Each step saves a screenshot (staff-console/target/screenshots/; docs/screenshots/ too
 * with KAT_UPDATE_SCREENSHOTS=1). The steps build on each other, in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.profiles.active=local")
// the console's clock moves with the services' (its roster offers attendance forms once a day has started)
@org.springframework.context.annotation.Import(com.polaris.kat.e2eclock.ShiftedClock.Replace.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffConsoleEndToEndTest {

    private static final int SERIES = 41;
    private static final String SERIES_ID = "series-" + SERIES;
    private static final LocalDate FIRST_DAY = LocalDate.now(com.polaris.kat.console.Pacific.ZONE).plusDays(5);
    private static final LocalDate SECOND_DAY = FIRST_DAY.plusDays(7);
    private static final String FIRST_CLASS_DAY = "M1-" + FIRST_DAY;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServiceProcesses services;
    private static ConsoleBrowser browser;
    private static final List<String> registrations = new ArrayList<>();

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

    @Test
    @Order(1)
    void theRegistrarSchedulesASeriesAndARefusalIsShownAtItsField() throws Exception {
        // the catalog's modules (infra/run.sh's demo loader defines them; this database is new)
        for (String[] m : new String[][]{{"M1", "Introduction to Ketamine Assisted Psychotherapy"}, {"M2", "Intermediate Workshop I"}}) {
            HttpResponse<String> r = ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/catalog/modules", "admin",
                    "{\"code\":\"%s\",\"title\":\"%s\",\"ceHours\":8}".formatted(m[0], m[1]), null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        browser().signIn("admin");
        browser().open("/series/new");
        fillSchedule(0);
        browser.find(By.id("schedule")).click();
        WebElement error = browser().waitFor(By.id("capacity-error"));
        assertThat(error.getText()).contains("capacity");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Schedule a series");

        browser.find(By.id("capacity")).clear();
        browser.find(By.id("capacity")).sendKeys("10");
        browser.find(By.id("schedule")).click();
        browser().until(ExpectedConditions.textToBe(By.tagName("h1"), "Series " + SERIES));
        assertThat(browser.find(By.cssSelector(".done")).getText()).contains("Series " + SERIES + " is scheduled");
        assertThat(browser.find(By.id("class-days")).getText()).contains(FIRST_CLASS_DAY).contains("PST");
        // refund policy v1's cutoff: 09:00 Pacific, 14 calendar days before the first class day, passed for a series 5 days away
        assertThat(browser.find(By.id("cancellation-cutoff")).getText()).contains("for a registration made now passed").contains(new com.polaris.kat.console.Pacific().dateTime(
                FIRST_DAY.minusDays(14).atTime(LocalTime.of(9, 0)).atZone(com.polaris.kat.console.Pacific.ZONE).toInstant()));
        browser().screenshot("registrar-series-scheduled");

        browser.find(By.id("places-" + FIRST_CLASS_DAY)).clear(); // it shows the day's places now (0)
        browser.find(By.id("places-" + FIRST_CLASS_DAY)).sendKeys("2");
        browser.find(By.cssSelector("button[aria-label='Set make-up places of " + FIRST_CLASS_DAY + "']")).click();
        browser().until(d -> d.findElement(By.cssSelector(".done")).getText().contains("offers 2 make-up places"));
    }

    @Test
    @Order(2)
    void theFrontEndRegistersThreeClinicians() throws Exception {
        String[][] people = {{"Dana Rivera", "dana.rivera@example.org", "LCSW-88123"}, {"Eli Okafor", "eli.okafor@example.org", "MD-55120"},
                {"Fay Lindqvist", "fay.lindqvist@example.org", "PSY-30411"}};
        for (String[] p : people) {
            String body = """
                    {"clinician":{"fullName":"%s","email":"%s","profession":"Psychologist","licenseNumber":"%s","licenseState":"CA"},
                     "ceOption":true,"payment":{"amountPaidCents":217500,"chargeReference":"ch_%s","processingFeeCents":6338}}"""
                    .formatted(p[0], p[1], p[2], p[2]);
            HttpResponse<String> r = ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/series/" + SERIES_ID + "/registrations", "frontend", body,
                    "e2e-" + p[2]);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            registrations.add(JSON.readTree(r.body()).get("registrationId").asText());
        }
        browser().open("/series");
        browser().until(d -> {
            d.navigate().refresh();
            // capacity, taken, held for offers, waiting, free
            return d.findElement(By.id("series-" + SERIES)).getText().contains("10 3 0 0 7");
        });
        assertThat(browser.find(By.id("series-" + SERIES)).getText()).contains("open").contains("upcoming");
        browser().screenshot("registrar-series-list");

        browser().open("/projections");
        browser().until(d -> d.findElement(By.id("projections")).getText().contains("registrations"));
        browser().screenshot("admin-projections");
    }

    @Test
    @Order(3)
    void attendanceStaffCancelAMakeUpBookedOnTheFirstClassDayAndItsPlaceComesFree() throws Exception {
        // another series of M1 two days later; one of its clinicians makes up M1 on the first class day, then will not
        LocalDate otherDay = FIRST_DAY.plusDays(2);
        HttpResponse<String> scheduled = ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/catalog/series", "admin",
                "{\"seriesNumber\":%d,\"capacity\":2,\"priceCents\":210000,\"ceOptionPriceCents\":7500,\"classDays\":[{\"module\":\"M1\",\"date\":\"%s\"}]}"
                        .formatted(SERIES + 1, otherDay), null);
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        HttpResponse<String> placed = ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/series/series-" + (SERIES + 1) + "/registrations",
                "frontend", """
                        {"clinician":{"fullName":"Gus Makeup","email":"gus.makeup@example.org","profession":"Psychologist","licenseNumber":"PSY-77001","licenseState":"CA"},
                         "ceOption":true,"payment":{"amountPaidCents":217500,"chargeReference":"ch_gus","processingFeeCents":6338}}""", "e2e-gus");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String gus = JSON.readTree(placed.body()).get("registrationId").asText();
        HttpResponse<String> booked = ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/series/series-" + (SERIES + 1) + "/registrations/"
                + gus + "/make-ups", "attendance", "{\"moduleCode\":\"M1\",\"classDayId\":\"" + FIRST_CLASS_DAY + "\"}", null);
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);

        browser().signIn("attendance");
        browser().open("/class-days/" + FIRST_CLASS_DAY + "/roster");
        assertThat(browser().refreshUntilPresent(By.id("row-" + gus)).getText()).contains("make-up");
        browser.find(By.id("cancel-reason-" + gus)).sendKeys("will attend Series " + (SERIES + 1) + "'s own day");
        browser.find(By.cssSelector("button[aria-label='Cancel the make-up of Gus Makeup']")).click();
        browser().until(d -> d.findElement(By.cssSelector(".done")).getText().contains("cancelled; its place is free"));
        browser().until(d -> {
            d.navigate().refresh();
            return d.findElements(By.id("row-" + gus)).isEmpty();
        });
        assertThat(browser.find(By.tagName("main")).getText()).contains("0 make-ups booked, 2 make-up places left.");
        HttpResponse<String> events = ConsoleBrowser.api("GET", services.projectionUrl() + "/api/availability/class-days/" + FIRST_CLASS_DAY,
                "frontend", "", null);
        assertThat(JSON.readTree(events.body()).get("makeUpRoomLeft").asInt()).as(events.body()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void attendanceStaffRecordTheFirstClassDay() throws Exception {
        // the services' clock moves to the first class day's evening: the day has happened
        long shift = Duration.between(java.time.Instant.now(),
                FIRST_DAY.atTime(LocalTime.of(17, 30)).atZone(com.polaris.kat.console.Pacific.ZONE).toInstant()).toMillis();
        com.polaris.kat.e2eclock.ShiftedClock.shift(services.clockFile, shift);

        browser().signIn("attendance");
        browser().open("/series/" + SERIES);
        browser.find(By.linkText("Roster of " + FIRST_CLASS_DAY)).click();
        browser().until(ExpectedConditions.textToBe(By.tagName("h1"), "Roster of " + FIRST_CLASS_DAY));
        String[][] times = {{"09:02", "17:00"}, {"09:25", "17:00"}, {"09:00", "15:30"}};
        String[] states = {"Present in full", "Late", "Left early"};
        for (int i = 0; i < 3; i++) {
            String id = registrations.get(i);
            browser().setValue(By.id("joined-" + id), times[i][0]);
            browser().setValue(By.id("left-" + id), times[i][1]);
            browser.find(By.cssSelector("#row-" + id + " button[aria-label^='Record attendance']")).click();
            String expected = states[i];
            browser().until(d -> d.findElement(By.cssSelector("#row-" + id + " .state")).getText().equals(expected));
        }
        String first = registrations.get(0);
        browser.find(By.cssSelector("#row-" + first + " button[aria-label^='Evaluation completed']")).click();
        browser().until(d -> d.findElement(By.id("row-" + first)).getText().contains("evaluation done"));
        assertThat(browser.find(By.id("row-" + first)).getText()).contains("CE earned");
        browser().screenshot("attendance-roster");
    }

    @Test
    @Order(5)
    void theFrontEndCancelsOneLateForAHalfRefund() throws Exception {
        HttpResponse<String> r = ConsoleBrowser.api("POST", services.enrollmentUrl() + "/api/series/" + SERIES_ID + "/registrations/" + registrations.get(1)
                + "/cancel", "frontend", "{\"choice\":\"REFUND\",\"reason\":\"cannot attend the rest\"}", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode decision = JSON.readTree(r.body());
        // 50% of 2175.00 = 1087.50, minus $25 admin fee and the $63.38 processing fee
        assertThat(decision.get("rule").asText()).isEqualTo("LATE_HALF_REFUND");
        assertThat(decision.get("refundAmount").asText()).isEqualTo("999.12");
    }

    @Test
    @Order(6)
    void financeSeesTheRefundRecordsThePayoutAsSettledAndDownloadsTheCsv() throws Exception {
        browser().signIn("finance");
        String cancelled = registrations.get(1);
        By refundRow = By.cssSelector("tr[data-type='REFUND_DECIDED'][data-registration='" + cancelled + "']");
        browser().open("/ledger");
        browser().until(d -> {
            if (d.findElements(refundRow).isEmpty()) {
                d.navigate().refresh();
                return false;
            }
            return true;
        });
        WebElement row = browser.find(refundRow);
        assertThat(row.getText()).contains("$999.12").contains("LATE_HALF_REFUND");
        // the entry names its clinician and leads to their credit
        WebElement clinician = row.findElement(By.className("clinician-credit"));
        assertThat(clinician.getAttribute("href")).matches(".*/credit\\?clinicianId=[0-9a-f-]{36}");
        assertThat(clinician.getText()).startsWith("clinician ");
        // payments: the three of Series 41 and the one of the make-up test's Series 42, $2,175.00 each
        assertThat(browser.find(By.id("totals")).getText()).contains("Refunds decided $999.12").contains("Payments $8,700.00");
        // a settlement without the processor's reference is refused: the service's words at the reference field, the rest as entered
        new Select(row.findElement(By.name("outcome"))).selectByValue("SETTLED");
        row.findElement(By.name("failureReason")).sendKeys("typed into the wrong field");
        row.findElement(By.cssSelector("button")).click();
        WebElement referenceError = browser().waitFor(By.cssSelector("tr[data-registration='" + cancelled + "'] span.error[id^='reference-error-']"));
        assertThat(referenceError.getText()).contains("Payout not recorded").contains("processor's refund reference");
        row = browser.find(refundRow);
        WebElement reference = row.findElement(By.name("reference"));
        assertThat(reference.getAttribute("aria-describedby")).isEqualTo(referenceError.getAttribute("id"));
        assertThat(reference.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(row.findElement(By.name("failureReason")).getAttribute("value")).isEqualTo("typed into the wrong field");
        assertThat(browser.driver().findElements(By.cssSelector(".done"))).isEmpty();
        assertThat(row.findElement(By.className("payout-status")).getText()).isEqualTo("pending");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", row);
        browser().screenshot("finance-payout-refused");

        // the payout form sent twice at once (a double click; a fresh reviewer's: two failed attempts were recorded): its key
        // makes it one command, and both sends answer the ledger page; then the same form from a second tab drawn at the same
        // time (its own key, the same payouts seen): refused in words, nothing recorded on top
        String answers = (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const form = document.querySelector(arguments[0] + ' form.payout');
                const data = new FormData(form);
                data.set('outcome', 'FAILED'); data.set('failureReason', 'bank timeout'); data.set('reference', '');
                const send = () => fetch(form.action, {method: 'POST', body: new URLSearchParams(data)});
                Promise.all([send(), send()]).then(both => {
                  data.set('idempotencyKey', crypto.randomUUID());
                  return send().then(r => r.text()).then(t => both.map(r => r.status).join(',') + '|' + t);
                }).then(done, e => done('failed: ' + e));""",
                "tr[data-type='REFUND_DECIDED'][data-registration='" + cancelled + "']");
        assertThat(answers).startsWith("200,200|").contains("Another tab or person recorded a payout of this refund after this page was shown")
                .doesNotContain("value=\"bank timeout\""); // what the stale tab typed is not kept for an outcome it did not choose
        browser().open("/ledger");
        By failedRows = By.cssSelector("tr[data-type='PAYOUT_FAILED'][data-registration='" + cancelled + "']");
        browser().until(d -> !d.findElements(failedRows).isEmpty());
        assertThat(browser.driver().findElements(failedRows)).singleElement()
                .satisfies(e -> assertThat(e.getText()).contains("bank timeout"));
        row = browser.find(refundRow);
        assertThat(row.findElement(By.className("payout-status")).getText()).isEqualTo("failed");

        new Select(row.findElement(By.name("outcome"))).selectByValue("SETTLED");
        row.findElement(By.name("failureReason")).clear();
        row.findElement(By.name("reference")).sendKeys("re_e2e_999");
        row.findElement(By.cssSelector("button")).click();
        browser().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".done")));
        assertThat(browser.find(By.cssSelector(".done")).getText()).contains("recorded as settled");
        browser().until(d -> !d.findElements(By.cssSelector("tr[data-type='PAYOUT_SETTLED'][data-registration='" + cancelled + "']")).isEmpty());
        assertThat(browser.find(By.id("totals")).getText()).contains("Refunds paid (settled less reversed) $999.12").contains("Payouts reversed by the processor $0.00");
        WebElement settledRow = browser.find(refundRow); // the Payout column shows the status; a settled refund can only be reversed
        assertThat(settledRow.findElement(By.className("payout-status")).getText()).isEqualTo("settled");
        assertThat(new Select(settledRow.findElement(By.name("outcome"))).getOptions()).extracting(o -> o.getAttribute("value")).containsExactly("REVERSED");
        browser().screenshot("finance-ledger");

        String href = browser.find(By.id("csv")).getAttribute("href");
        // the bytes as the browser saves them: the UTF-8 byte order mark first (a spreadsheet then reads the reasons' accents right)
        String csv = (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.arrayBuffer())"
                        + ".then(b => done(new TextDecoder('utf-8', {ignoreBOM: true}).decode(b)), e => done('failed: ' + e));", href);
        assertThat(csv).startsWith("\ufeff\"entry_id\",").contains("REFUND_DECIDED").contains("PAYOUT_SETTLED").contains("re_e2e_999").contains("999.12");

        // the refund's registration id lists that registration's money alone: its payment (its charge named once), the refund
        // decision and both payout attempts, in the order they occurred; the totals stay the period's
        browser.find(refundRow).findElement(By.className("registration-entries")).click();
        browser().until(d -> d.getCurrentUrl().contains("registrationId=" + cancelled));
        assertThat(browser.find(By.id("registrationId")).getAttribute("value")).isEqualTo(cancelled);
        assertThat(browser.driver().findElements(By.cssSelector("#entries tbody tr"))).extracting(e -> e.getAttribute("data-type"))
                .containsExactly("PAYMENT_RECEIVED", "REFUND_DECIDED", "PAYOUT_FAILED", "PAYOUT_SETTLED");
        assertThat(browser.driver().findElements(By.cssSelector("#entries tbody tr")))
                .allSatisfy(e -> assertThat(e.getAttribute("data-registration")).isEqualTo(cancelled));
        assertThat(browser.driver().findElements(By.className("shared-charge"))).as("one payment names its charge").isEmpty();
        assertThat(browser.find(By.id("totals")).getText()).contains("Payments $8,700.00")
                .contains("the type, reference, registration and clinician filters do not apply to totals");

        // who holds credit: the late cancellation took its half refund in cash, so nobody does, and the page says so
        browser().open("/credit");
        assertThat(browser().waitFor(By.id("outstanding")).getText()).isEqualTo("Credit outstanding: $0.00");
        assertThat(browser.driver().findElements(By.id("holders"))).isEmpty();
        assertThat(browser.find(By.tagName("main")).getText()).contains("No clinician holds credit.");
    }

    @Test
    @Order(7)
    void complianceFindsAClinicianByLicenseNumberAndOpensTheAuditTrailOfTheCancellation() throws Exception {
        browser().signIn("compliance");
        browser().open("/clinicians");
        browser.find(By.id("q")).sendKeys("MD-55120");
        browser.find(By.id("find")).click();
        WebElement matches = browser().waitFor(By.id("matches"));
        assertThat(matches.getText()).contains("Eli Okafor").contains("eli.okafor@example.org").contains(SERIES_ID);
        browser().screenshot("compliance-search");
        browser.find(By.partialLinkText("Audit trail of registration " + registrations.get(1))).click();
        WebElement cancellation = browser().waitFor(By.cssSelector("li[data-event='RegistrationCancelled']"));
        assertThat(cancellation.getText()).contains("Actor\nfrontend").contains("Correlation id").contains("PST")
                .contains("refund amount").contains("999.12").contains("admin fee").contains("25.00").contains("processing fee")
                .contains("63.38").contains("cutoff").contains("LATE_HALF_REFUND").contains("choice\nREFUND")
                // to the second, with the UTC instant, and the position (a fresh reviewer's events within a minute read as simultaneous)
                .containsPattern("When\n\\w{3} \\w{3} \\d{1,2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} [AP]M PST \\(\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z UTC\\)")
                .containsPattern("Position\n\\d+");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", cancellation);
        browser().screenshot("compliance-audit-trail");
    }

    @Test
    @Order(8)
    void complianceReadsTheTranscriptAsATableAndDownloadsItsPdfAndCsvThroughTheConsole() throws Exception {
        browser().signIn("compliance");
        browser().open("/clinicians?q=LCSW-88123");
        browser.find(By.linkText("CE transcript")).click();
        browser().until(ExpectedConditions.textToBe(By.tagName("h1"), "CE transcript of Dana Rivera"));
        String registration = registrations.get(0);
        WebElement m1 = browser().waitFor(By.cssSelector("#registration-" + registration + " tr[data-module='M1']"));
        // attended 9:02-17:00 with the evaluation: 478 minutes, 8 hours earned, the decision's rule and who recorded it
        assertThat(m1.getText()).contains(FIRST_DAY.format(DateTimeFormatter.ofPattern("MMM d, yyyy", java.util.Locale.US))).contains("9:00 AM PST")
                .contains("478").contains("completed").contains("8 earned").contains("Hours earned").contains("attendance");
        WebElement m2 = browser.find(By.cssSelector("#registration-" + registration + " tr[data-module='M2']"));
        assertThat(m2.getText()).contains("not recorded").contains("not decided yet").contains("0 of 8").contains("attendance not recorded yet");
        assertThat(browser.find(By.id("total-hours")).getText()).isEqualTo("8");
        browser().screenshot("compliance-transcript");

        // a CSV with the UTF-8 byte order mark in front (EF BB BF, read here as Latin-1), for a spreadsheet opened by double-click
        for (String[] file : new String[][]{{"transcript-pdf", "application/pdf", "%PDF-"}, {"transcript-csv", "text/csv", "\u00ef\u00bb\u00bf\"program\","},
                {"history-csv", "text/csv", "\u00ef\u00bb\u00bf\"occurred_"}}) {
            String href = browser.find(By.id(file[0])).getAttribute("href");
            @SuppressWarnings("unchecked")
            Map<String, Object> got = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0]).then(async r => done({status: r.status, type: r.headers.get('Content-Type'),
                        disposition: r.headers.get('Content-Disposition'), start: new TextDecoder('latin1').decode((await r.arrayBuffer()).slice(0, 16))}),
                        e => done({status: -1, type: String(e)}));""", href);
            assertThat(got.get("status")).as(file[0]).isEqualTo(200L);
            assertThat((String) got.get("type")).as(file[0]).startsWith(file[1]);
            assertThat((String) got.get("disposition")).as(file[0]).startsWith("attachment");
            assertThat((String) got.get("start")).as(file[0]).startsWith(file[2]);
        }
    }

    @Test
    @Order(9)
    void aFinanceUserOpeningACompliancePageGetsA403Page() throws Exception {
        browser().signIn("finance");
        browser().open("/clinicians?q=MD-55120");
        WebElement h1 = browser().waitFor(By.id("forbidden"));
        assertThat(h1.getText()).contains("403");
        assertThat(browser.driver().getPageSource()).doesNotContain("Eli Okafor").doesNotContain("Exception");
        browser().screenshot("finance-forbidden");
    }

    @Test
    @Order(10)
    void theRegistrarSetsMakeUpPlacesUsingOnlyTheKeyboardWithFocusAlwaysVisible() throws Exception {
        browser().driver().manage().deleteAllCookies();
        browser().open("/login");
        // the sign-in form: the user name has the focus; type, Tab, type, Enter
        typeIntoFocused("admin", "username");
        key(Keys.TAB);
        typeIntoFocused(ConsoleBrowser.password("admin"), "password");
        key(Keys.ENTER);
        browser().until(ExpectedConditions.textToBe(By.tagName("h1"), "Your screens"));
        tabTo(e -> "Series: seats, schedule, class days and rosters".equals(e.getText()));
        key(Keys.ENTER);
        browser().until(ExpectedConditions.textToBe(By.tagName("h1"), "Series"));
        assertAccessible();
        tabTo(e -> ("Series " + SERIES).equals(e.getText()));
        key(Keys.ENTER);
        browser().until(ExpectedConditions.textToBe(By.tagName("h1"), "Series " + SERIES));
        assertAccessible();
        // the second class day has not started: its make-up places can still be set (a started series' capacity cannot change)
        String secondDay = "M2-" + SECOND_DAY;
        tabTo(e -> ("places-" + secondDay).equals(e.getAttribute("id")));
        typeIntoFocused("1", "places");
        browser().screenshot("registrar-keyboard-make-up-places");
        key(Keys.ENTER);
        // done, or a refusal: either way the page says which (a refusal fails here with its words)
        browser().until(d -> !d.findElements(By.cssSelector(".done, .error, .problem")).isEmpty());
        assertThat(browser.find(By.tagName("main")).getText()).contains("Class day " + secondDay + " offers 1 make-up places.");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> day = ConsoleBrowser.api("GET", services.projectionUrl() + "/api/availability/class-days/" + secondDay, "admin", "", null);
            assertThat(JSON.readTree(day.body()).get("makeUpRoomLeft").asInt()).as(day.body()).isEqualTo(1);
        });
        assertThat(focusVisibleChecks).as("elements whose keyboard focus was checked for a visible outline").isGreaterThan(5);
        // every page the run opened had every control named (checked on each page as it was opened or shot)
        assertThat(pagesChecked).contains("/login", "/", "/series/new", "/series", "/series/" + SERIES, "/projections",
                "/class-days/" + FIRST_CLASS_DAY + "/roster", "/ledger", "/clinicians", "/audit/registrations/" + registrations.get(1));
        assertThat(pagesChecked).anyMatch(path -> path.startsWith("/transcripts/"));
    }

    // --- helpers

    private static final java.util.Set<String> pagesChecked = new java.util.TreeSet<>();
    private static int focusVisibleChecks;

    /** Every visible input, select, textarea and button has an accessible name: a label (for= or around it), aria-label(ledby), or text. */
    private static void assertAccessible() {
        @SuppressWarnings("unchecked")
        List<String> unnamed = (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("""
                const named = el => {
                  if ((el.getAttribute('aria-label') || '').trim()) return true;
                  const by = el.getAttribute('aria-labelledby');
                  if (by && by.split(/\\s+/).some(id => (document.getElementById(id)?.textContent || '').trim())) return true;
                  if (el.labels && Array.from(el.labels).some(l => l.textContent.trim())) return true;
                  if (el.tagName === 'BUTTON' && el.textContent.trim()) return true;
                  if (el.tagName === 'INPUT' && ['submit', 'button'].includes(el.type) && (el.value || '').trim()) return true;
                  return false;
                };
                return Array.from(document.querySelectorAll('input, select, textarea, button'))
                  .filter(el => el.type !== 'hidden' && !named(el)).map(el => el.outerHTML.slice(0, 160));""");
        assertThat(unnamed).as("controls without an accessible name on " + browser.driver().getCurrentUrl()).isEmpty();
        // and no control is described by an error that is not on the page (a screen reader would announce nothing)
        @SuppressWarnings("unchecked")
        List<String> dangling = (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("""
                return Array.from(document.querySelectorAll('[aria-describedby]')).flatMap(el => el.getAttribute('aria-describedby')
                    .split(/\\s+/).filter(id => id && !document.getElementById(id)).map(id => id + ' on ' + el.outerHTML.slice(0, 120)));""");
        assertThat(dangling).as("descriptions that are not on " + browser.driver().getCurrentUrl()).isEmpty();
        pagesChecked.add(URI.create(browser.driver().getCurrentUrl()).getPath());
    }

    private static void key(CharSequence keys) {
        new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys(keys).perform();
    }

    /** Types into the element that has the keyboard focus, after checking it is the one expected (by id or name). */
    private static void typeIntoFocused(String text, String idOrName) {
        WebElement focused = browser.driver().switchTo().activeElement();
        assertThat(List.of(String.valueOf(focused.getAttribute("id")), String.valueOf(focused.getAttribute("name")))).contains(idOrName);
        assertFocusVisible(focused);
        key(text);
    }

    /** Presses Tab until the focused element is the one wanted (at most 80 times), checking each focus is visible. */
    private static void tabTo(java.util.function.Predicate<WebElement> wanted) {
        for (int i = 0; i < 80; i++) {
            key(Keys.TAB);
            WebElement focused = browser.driver().switchTo().activeElement();
            assertFocusVisible(focused);
            if (wanted.test(focused)) {
                return;
            }
        }
        throw new AssertionError("Tab never reached the element on " + browser.driver().getCurrentUrl());
    }

    /** The keyboard focus shows: the focused element's computed outline (console.css :focus-visible) is drawn. */
    private static void assertFocusVisible(WebElement focused) {
        String outline = (String) ((JavascriptExecutor) browser.driver()).executeScript(
                "const s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth;", focused);
        assertThat(outline).as("focus outline of " + focused.getTagName() + " " + focused.getAttribute("id")).doesNotStartWith("none")
                .doesNotEndWith(" 0px");
        focusVisibleChecks++;
    }


    private void fillSchedule(int capacity) {
        browser.find(By.id("seriesNumber")).sendKeys(String.valueOf(SERIES));
        browser.find(By.id("capacity")).sendKeys(String.valueOf(capacity));
        browser.find(By.id("price")).sendKeys("2100.00");
        browser.find(By.id("ceOptionPrice")).clear();
        browser.find(By.id("ceOptionPrice")).sendKeys("75.00");
        new Select(browser.find(By.id("module0"))).selectByValue("M1");
        browser().setValue(By.id("date0"), FIRST_DAY.toString());
        new Select(browser.find(By.id("module1"))).selectByValue("M2");
        browser().setValue(By.id("date1"), SECOND_DAY.toString());
    }

    private ConsoleBrowser browser() {
        if (browser == null) {
            browser = new ConsoleBrowser(port, StaffConsoleEndToEndTest::assertAccessible);
        }
        return browser;
    }
}
