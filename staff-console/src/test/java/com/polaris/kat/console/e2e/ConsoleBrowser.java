package com.polaris.kat.console.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A headless Chromium (Debian's chromium and chromium-driver) on the console, signed in as one of the
 * local users of {@link ServiceProcesses}, with the steps the end-to-end tests share: sign in, open a
 * page, wait, save a screenshot, and call a service's API as a user.
 */
final class ConsoleBrowser implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final Runnable pageCheck;
    private WebDriver driver;

    ConsoleBrowser(int consolePort) {
        this(consolePort, () -> { });
    }

    /** With a check run on every page opened, signed in on or shot (e.g. that every control has an accessible name). */
    ConsoleBrowser(int consolePort, Runnable pageCheck) {
        this.port = consolePort;
        this.pageCheck = pageCheck;
    }

    /** The browser, started on first use (1280×1000, en-US). */
    WebDriver driver() {
        if (driver == null) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(new File("/usr/bin/chromium"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-US");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
            driver = new ChromeDriver(service, options);
        }
        return driver;
    }

    /** Signs in on the console's form as {@code user} (a fresh session), ending on the start page. */
    void signIn(String user) {
        WebDriver b = driver();
        b.manage().deleteAllCookies();
        open("/login");
        b.findElement(By.id("username")).sendKeys(user);
        b.findElement(By.id("password")).sendKeys(password(user));
        b.findElement(By.id("sign-in")).click();
        until(ExpectedConditions.textToBe(By.tagName("h1"), "Your screens"));
        pageCheck.run();
    }

    /** Opens a page of the console by its path. */
    void open(String path) {
        driver().get("http://localhost:" + port + path);
        pageCheck.run();
    }

    WebElement find(By by) {
        return driver().findElement(by);
    }

    /** Waits (up to 20 s) until the element is visible. */
    WebElement waitFor(By by) {
        return new WebDriverWait(driver(), Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits (up to 20 s, polling every 200 ms) for a condition; an element replaced meanwhile is looked up again. */
    <T> T until(java.util.function.Function<? super WebDriver, T> condition) {
        // an element found while the page (or an htmx swap) replaces it goes stale: look again on the next poll; Chromium's
        // "Node with given id does not belong to the document" is the same race, reported as an unknown error
        return new WebDriverWait(driver(), Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(200))
                .ignoring(org.openqa.selenium.WebDriverException.class).until(condition);
    }

    /** Reloads the page until the element is there (the read side shows a command's effect moments later); answers it. */
    WebElement refreshUntilPresent(By by) {
        until(d -> {
            if (d.findElements(by).isEmpty()) {
                d.navigate().refresh();
                return false;
            }
            return true;
        });
        return find(by);
    }

    /** Sets an input's value as a script (date and time inputs take no typed text reliably across locales). */
    void setValue(By input, String value) {
        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1]", find(input), value);
    }

    /**
     * Saves the page as {@code staff-console/target/screenshots/<name>.png}; with {@code KAT_UPDATE_SCREENSHOTS=1} also
     * as the README's {@code docs/screenshots/<name>.png} (so an ordinary test run leaves the work tree as it was).
     */
    void screenshot(String name) throws Exception {
        pageCheck.run();
        File shot = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE);
        List<Path> dirs = new ArrayList<>(List.of(ServiceProcesses.root().resolve("staff-console/target/screenshots")));
        if ("1".equals(System.getenv("KAT_UPDATE_SCREENSHOTS"))) {
            dirs.add(ServiceProcesses.root().resolve("docs/screenshots"));
        }
        for (Path dir : dirs) {
            Files.createDirectories(dir);
            Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Calls a service's API as {@code user} (HTTP Basic), with a JSON body and an optional Idempotency-Key. */
    static HttpResponse<String> api(String method, String url, String user, String body, String idempotencyKey) throws Exception {
        return api(method, url, user, body, idempotencyKey, "application/json");
    }

    /** As {@link #api(String, String, String, String, String)}, the body of this media type (a participant report's text/csv). */
    static HttpResponse<String> api(String method, String url, String user, String body, String idempotencyKey, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password(user)).getBytes(StandardCharsets.UTF_8)));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String password(String user) {
        return ServiceProcesses.PASSWORDS.get("KAT_PASSWORD_" + user.toUpperCase());
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.quit();
        }
    }
}
