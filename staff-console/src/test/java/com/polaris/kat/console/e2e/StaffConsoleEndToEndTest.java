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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
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
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffConsoleEndToEndTest {

    private static final int SERIES = 41;
    private static final String SERIES_ID = "series-" + SERIES;
    private static final LocalDate FIRST_DAY = LocalDate.now(com.polaris.kat.console.Pacific.ZONE).plusDays(5);
    private static final LocalDate SECOND_DAY = FIRST_DAY.plusDays(7);
    private static final String FIRST_CLASS_DAY = "M1-" + FIRST_DAY;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ServiceProcesses services;
    private static WebDriver browser;
    private static final List<String> registrations = new ArrayList<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        if (services == null) {
            services = ServiceProcesses.start();
        }
        registry.add("kat.console.enrollment-url", services::enrollmentUrl);
        registry.add("kat.console.projection-url", services::projectionUrl);
        ServiceProcesses.PASSWORDS.forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
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
            HttpResponse<String> r = api("POST", services.enrollmentUrl() + "/api/catalog/modules", "admin",
                    "{\"code\":\"%s\",\"title\":\"%s\",\"ceHours\":8}".formatted(m[0], m[1]), null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        signIn("admin");
        open("/series/new");
        fillSchedule(0);
        browser.findElement(By.id("schedule")).click();
        WebElement error = waitFor(By.id("capacity-error"));
        assertThat(error.getText()).contains("capacity");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Schedule a series");

        browser.findElement(By.id("capacity")).clear();
        browser.findElement(By.id("capacity")).sendKeys("10");
        browser.findElement(By.id("schedule")).click();
        until(ExpectedConditions.textToBe(By.tagName("h1"), "Series " + SERIES));
        assertThat(browser.findElement(By.cssSelector(".done")).getText()).contains("Series " + SERIES + " is scheduled");
        assertThat(browser.findElement(By.id("class-days")).getText()).contains(FIRST_CLASS_DAY).contains("PST");
        screenshot("registrar-series-scheduled");

        browser.findElement(By.id("places-" + FIRST_CLASS_DAY)).sendKeys("2");
        browser.findElement(By.cssSelector("button[aria-label='Set make-up places of " + FIRST_CLASS_DAY + "']")).click();
        until(d -> d.findElement(By.cssSelector(".done")).getText().contains("offers 2 make-up places"));
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
            HttpResponse<String> r = api("POST", services.enrollmentUrl() + "/api/series/" + SERIES_ID + "/registrations", "frontend", body,
                    "e2e-" + p[2]);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            registrations.add(JSON.readTree(r.body()).get("registrationId").asText());
        }
        open("/series");
        until(d -> {
            d.navigate().refresh();
            // capacity, taken, held for offers, waiting, free
            return d.findElement(By.id("series-" + SERIES)).getText().contains("10 3 0 0 7");
        });
        assertThat(browser.findElement(By.id("series-" + SERIES)).getText()).contains("open").contains("upcoming");
        screenshot("registrar-series-list");

        open("/projections");
        until(d -> d.findElement(By.id("projections")).getText().contains("registrations"));
        screenshot("admin-projections");
    }

    @Test
    @Order(3)
    void attendanceStaffRecordTheFirstClassDay() throws Exception {
        // the services' clock moves to the first class day's evening: the day has happened
        long shift = Duration.between(java.time.Instant.now(),
                FIRST_DAY.atTime(LocalTime.of(17, 30)).atZone(com.polaris.kat.console.Pacific.ZONE).toInstant()).toMillis();
        com.polaris.kat.e2eclock.ShiftedClock.shift(services.clockFile, shift);

        signIn("attendance");
        open("/series/" + SERIES);
        browser.findElement(By.linkText("Roster of " + FIRST_CLASS_DAY)).click();
        until(ExpectedConditions.textToBe(By.tagName("h1"), "Roster of " + FIRST_CLASS_DAY));
        String[][] times = {{"09:02", "17:00"}, {"09:25", "17:00"}, {"09:00", "15:30"}};
        String[] states = {"Present in full", "Late", "Left early"};
        for (int i = 0; i < 3; i++) {
            String id = registrations.get(i);
            setTime(By.id("joined-" + id), times[i][0]);
            setTime(By.id("left-" + id), times[i][1]);
            browser.findElement(By.cssSelector("#row-" + id + " button[aria-label^='Record attendance']")).click();
            String expected = states[i];
            until(d -> d.findElement(By.cssSelector("#row-" + id + " .state")).getText().equals(expected));
        }
        String first = registrations.get(0);
        browser.findElement(By.cssSelector("#row-" + first + " button[aria-label^='Evaluation completed']")).click();
        until(d -> d.findElement(By.id("row-" + first)).getText().contains("evaluation done"));
        assertThat(browser.findElement(By.id("row-" + first)).getText()).contains("CE earned");
        screenshot("attendance-roster");
    }

    @Test
    @Order(4)
    void theFrontEndCancelsOneLateForAHalfRefund() throws Exception {
        HttpResponse<String> r = api("POST", services.enrollmentUrl() + "/api/series/" + SERIES_ID + "/registrations/" + registrations.get(1)
                + "/cancel", "frontend", "{\"choice\":\"REFUND\",\"reason\":\"cannot attend the rest\"}", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode decision = JSON.readTree(r.body());
        // 50% of 2175.00 = 1087.50, minus $25 admin fee and the $63.38 processing fee
        assertThat(decision.get("rule").asText()).isEqualTo("LATE_HALF_REFUND");
        assertThat(decision.get("refundAmount").asText()).isEqualTo("999.12");
    }

    @Test
    @Order(5)
    void financeSeesTheRefundRecordsThePayoutAsSettledAndDownloadsTheCsv() throws Exception {
        signIn("finance");
        String cancelled = registrations.get(1);
        By refundRow = By.cssSelector("tr[data-type='REFUND_DECIDED'][data-registration='" + cancelled + "']");
        open("/ledger");
        until(d -> {
            if (d.findElements(refundRow).isEmpty()) {
                d.navigate().refresh();
                return false;
            }
            return true;
        });
        WebElement row = browser.findElement(refundRow);
        assertThat(row.getText()).contains("$999.12").contains("LATE_HALF_REFUND");
        assertThat(browser.findElement(By.id("totals")).getText()).contains("Refunds decided $999.12").contains("Payments $6,525.00");
        // a settlement without the processor's reference is refused: the service's words at the reference field, the rest as entered
        new Select(row.findElement(By.name("outcome"))).selectByValue("SETTLED");
        row.findElement(By.name("failureReason")).sendKeys("typed into the wrong field");
        row.findElement(By.cssSelector("button")).click();
        WebElement referenceError = waitFor(By.cssSelector("tr[data-registration='" + cancelled + "'] span.error[id^='reference-error-']"));
        assertThat(referenceError.getText()).contains("Payout not recorded").contains("processor's refund reference");
        row = browser.findElement(refundRow);
        WebElement reference = row.findElement(By.name("reference"));
        assertThat(reference.getAttribute("aria-describedby")).isEqualTo(referenceError.getAttribute("id"));
        assertThat(reference.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(row.findElement(By.name("failureReason")).getAttribute("value")).isEqualTo("typed into the wrong field");
        assertThat(browser.findElements(By.cssSelector(".done"))).isEmpty();
        assertThat(row.findElement(By.className("payout-status")).getText()).isEqualTo("pending");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", row);
        screenshot("finance-payout-refused");

        new Select(row.findElement(By.name("outcome"))).selectByValue("SETTLED");
        row.findElement(By.name("failureReason")).clear();
        row.findElement(By.name("reference")).sendKeys("re_e2e_999");
        row.findElement(By.cssSelector("button")).click();
        until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".done")));
        assertThat(browser.findElement(By.cssSelector(".done")).getText()).contains("recorded as SETTLED");
        until(d -> !d.findElements(By.cssSelector("tr[data-type='PAYOUT_SETTLED'][data-registration='" + cancelled + "']")).isEmpty());
        assertThat(browser.findElement(By.id("totals")).getText()).contains("Refunds paid $999.12");
        WebElement settledRow = browser.findElement(refundRow); // the Payout column shows the status; a settled refund can only be reversed
        assertThat(settledRow.findElement(By.className("payout-status")).getText()).isEqualTo("settled");
        assertThat(new Select(settledRow.findElement(By.name("outcome"))).getOptions()).extracting(o -> o.getAttribute("value")).containsExactly("REVERSED");
        screenshot("finance-ledger");

        String href = browser.findElement(By.id("csv")).getAttribute("href");
        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", href);
        assertThat(csv).startsWith("\"entry_id\",").contains("REFUND_DECIDED").contains("PAYOUT_SETTLED").contains("re_e2e_999").contains("999.12");
    }

    @Test
    @Order(6)
    void complianceFindsAClinicianByLicenseNumberAndOpensTheAuditTrailOfTheCancellation() throws Exception {
        signIn("compliance");
        open("/clinicians");
        browser.findElement(By.id("q")).sendKeys("MD-55120");
        browser.findElement(By.id("find")).click();
        WebElement matches = waitFor(By.id("matches"));
        assertThat(matches.getText()).contains("Eli Okafor").contains("eli.okafor@example.org").contains(SERIES_ID);
        screenshot("compliance-search");
        browser.findElement(By.partialLinkText("Audit trail of registration " + registrations.get(1))).click();
        WebElement cancellation = waitFor(By.cssSelector("li[data-event='RegistrationCancelled']"));
        assertThat(cancellation.getText()).contains("Actor\nfrontend").contains("Correlation id").contains("PST")
                .contains("refund amount").contains("999.12").contains("admin fee").contains("25.00").contains("processing fee")
                .contains("63.38").contains("cutoff").contains("LATE_HALF_REFUND").contains("choice\nREFUND");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", cancellation);
        screenshot("compliance-audit-trail");
    }

    @Test
    @Order(7)
    void complianceReadsTheTranscriptAsATableAndDownloadsItsPdfAndCsvThroughTheConsole() throws Exception {
        signIn("compliance");
        open("/clinicians?q=LCSW-88123");
        browser.findElement(By.linkText("CE transcript")).click();
        until(ExpectedConditions.textToBe(By.tagName("h1"), "CE transcript of Dana Rivera"));
        String registration = registrations.get(0);
        WebElement m1 = waitFor(By.cssSelector("#registration-" + registration + " tr[data-module='M1']"));
        // attended 9:02-17:00 with the evaluation: 478 minutes, 8 hours earned, the decision's rule and who recorded it
        assertThat(m1.getText()).contains(FIRST_DAY.format(DateTimeFormatter.ofPattern("MMM d, yyyy", java.util.Locale.US))).contains("9:00 AM PST")
                .contains("478").contains("completed").contains("8.0 earned").contains("Hours earned").contains("attendance");
        WebElement m2 = browser.findElement(By.cssSelector("#registration-" + registration + " tr[data-module='M2']"));
        assertThat(m2.getText()).contains("not recorded").contains("not decided yet").contains("0 of 8.0").contains("attendance not recorded yet");
        assertThat(browser.findElement(By.id("total-hours")).getText()).isEqualTo("8.0");
        screenshot("compliance-transcript");

        for (String[] file : new String[][]{{"transcript-pdf", "application/pdf", "%PDF-"}, {"transcript-csv", "text/csv", "\"program\","}}) {
            String href = browser.findElement(By.id(file[0])).getAttribute("href");
            @SuppressWarnings("unchecked")
            Map<String, Object> got = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0]).then(async r => done({status: r.status, type: r.headers.get('Content-Type'),
                        disposition: r.headers.get('Content-Disposition'), start: new TextDecoder('latin1').decode((await r.arrayBuffer()).slice(0, 10))}),
                        e => done({status: -1, type: String(e)}));""", href);
            assertThat(got.get("status")).as(file[0]).isEqualTo(200L);
            assertThat((String) got.get("type")).as(file[0]).startsWith(file[1]);
            assertThat((String) got.get("disposition")).as(file[0]).startsWith("attachment");
            assertThat((String) got.get("start")).as(file[0]).startsWith(file[2]);
        }
    }

    @Test
    @Order(8)
    void aFinanceUserOpeningACompliancePageGetsA403Page() throws Exception {
        signIn("finance");
        open("/clinicians?q=MD-55120");
        WebElement h1 = waitFor(By.id("forbidden"));
        assertThat(h1.getText()).contains("403");
        assertThat(browser.getPageSource()).doesNotContain("Eli Okafor").doesNotContain("Exception");
        screenshot("finance-forbidden");
    }

    @Test
    @Order(9)
    void theRegistrarSetsMakeUpPlacesUsingOnlyTheKeyboardWithFocusAlwaysVisible() throws Exception {
        browser().manage().deleteAllCookies();
        open("/login");
        // the sign-in form: the user name has the focus; type, Tab, type, Enter
        typeIntoFocused("admin", "username");
        key(Keys.TAB);
        typeIntoFocused(password("admin"), "password");
        key(Keys.ENTER);
        until(ExpectedConditions.textToBe(By.tagName("h1"), "Your screens"));
        tabTo(e -> "Series: seats, schedule, class days and rosters".equals(e.getText()));
        key(Keys.ENTER);
        until(ExpectedConditions.textToBe(By.tagName("h1"), "Series"));
        assertAccessible();
        tabTo(e -> ("Series " + SERIES).equals(e.getText()));
        key(Keys.ENTER);
        until(ExpectedConditions.textToBe(By.tagName("h1"), "Series " + SERIES));
        assertAccessible();
        // the second class day has not started: its make-up places can still be set (a started series' capacity cannot change)
        String secondDay = "M2-" + SECOND_DAY;
        tabTo(e -> ("places-" + secondDay).equals(e.getAttribute("id")));
        typeIntoFocused("1", "places");
        screenshot("registrar-keyboard-make-up-places");
        key(Keys.ENTER);
        // done, or a refusal: either way the page says which (a refusal fails here with its words)
        until(d -> !d.findElements(By.cssSelector(".done, .error, .problem")).isEmpty());
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Class day " + secondDay + " offers 1 make-up places.");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> day = api("GET", services.projectionUrl() + "/api/availability/class-days/" + secondDay, "admin", "", null);
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
        List<String> unnamed = (List<String>) ((JavascriptExecutor) browser).executeScript("""
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
        assertThat(unnamed).as("controls without an accessible name on " + browser.getCurrentUrl()).isEmpty();
        pagesChecked.add(URI.create(browser.getCurrentUrl()).getPath());
    }

    private static void key(CharSequence keys) {
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(keys).perform();
    }

    /** Types into the element that has the keyboard focus, after checking it is the one expected (by id or name). */
    private static void typeIntoFocused(String text, String idOrName) {
        WebElement focused = browser.switchTo().activeElement();
        assertThat(List.of(String.valueOf(focused.getAttribute("id")), String.valueOf(focused.getAttribute("name")))).contains(idOrName);
        assertFocusVisible(focused);
        key(text);
    }

    /** Presses Tab until the focused element is the one wanted (at most 80 times), checking each focus is visible. */
    private static void tabTo(java.util.function.Predicate<WebElement> wanted) {
        for (int i = 0; i < 80; i++) {
            key(Keys.TAB);
            WebElement focused = browser.switchTo().activeElement();
            assertFocusVisible(focused);
            if (wanted.test(focused)) {
                return;
            }
        }
        throw new AssertionError("Tab never reached the element on " + browser.getCurrentUrl());
    }

    /** The keyboard focus shows: the focused element's computed outline (console.css :focus-visible) is drawn. */
    private static void assertFocusVisible(WebElement focused) {
        String outline = (String) ((JavascriptExecutor) browser).executeScript(
                "const s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth;", focused);
        assertThat(outline).as("focus outline of " + focused.getTagName() + " " + focused.getAttribute("id")).doesNotStartWith("none")
                .doesNotEndWith(" 0px");
        focusVisibleChecks++;
    }


    private void fillSchedule(int capacity) {
        browser.findElement(By.id("seriesNumber")).sendKeys(String.valueOf(SERIES));
        browser.findElement(By.id("capacity")).sendKeys(String.valueOf(capacity));
        browser.findElement(By.id("price")).sendKeys("2100.00");
        browser.findElement(By.id("ceOptionPrice")).clear();
        browser.findElement(By.id("ceOptionPrice")).sendKeys("75.00");
        new Select(browser.findElement(By.id("module0"))).selectByValue("M1");
        setDate(By.id("date0"), FIRST_DAY);
        new Select(browser.findElement(By.id("module1"))).selectByValue("M2");
        setDate(By.id("date1"), SECOND_DAY);
    }

    private static void setDate(By input, LocalDate date) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", browser.findElement(input), date.toString());
    }

    private static void setTime(By input, String time) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", browser.findElement(input), time);
    }

    private void signIn(String user) {
        WebDriver b = browser();
        b.manage().deleteAllCookies();
        open("/login");
        b.findElement(By.id("username")).sendKeys(user);
        b.findElement(By.id("password")).sendKeys(password(user));
        b.findElement(By.id("sign-in")).click();
        until(ExpectedConditions.textToBe(By.tagName("h1"), "Your screens"));
        assertAccessible();
    }

    private void open(String path) {
        browser().get("http://localhost:" + port + path);
        assertAccessible();
    }

    private static String password(String user) {
        return ServiceProcesses.PASSWORDS.get("KAT_PASSWORD_" + user.toUpperCase());
    }

    private static WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static <T> T until(java.util.function.Function<? super WebDriver, T> condition) {
        // an element found while the page (or an htmx swap) replaces it goes stale: look again on the next poll
        return new WebDriverWait(browser, Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(200))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                // Chromium's "Node with given id does not belong to the document": the same race, reported as an unknown error
                .ignoring(org.openqa.selenium.WebDriverException.class).until(condition);
    }

    private static HttpResponse<String> api(String method, String url, String user, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password(user)).getBytes(StandardCharsets.UTF_8)));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Saves the page as {@code staff-console/target/screenshots/<name>.png}; with {@code KAT_UPDATE_SCREENSHOTS=1} also
     * as the README's {@code docs/screenshots/<name>.png} (so an ordinary test run leaves the work tree as it was).
     */
    private static void screenshot(String name) throws Exception {
        assertAccessible();
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        List<Path> dirs = new java.util.ArrayList<>(List.of(ServiceProcesses.root().resolve("staff-console/target/screenshots")));
        if ("1".equals(System.getenv("KAT_UPDATE_SCREENSHOTS"))) {
            dirs.add(ServiceProcesses.root().resolve("docs/screenshots"));
        }
        for (Path dir : dirs) {
            Files.createDirectories(dir);
            Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static WebDriver browser() {
        if (browser == null) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(new File("/usr/bin/chromium"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-US");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
            browser = new ChromeDriver(service, options);
        }
        return browser;
    }

    @SuppressWarnings("unused")
    private static String today() {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(LocalDate.now());
    }
}
