package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.EnrollmentServiceApplication;
import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import com.polaris.kat.enrollment.support.Fixtures;
import com.polaris.kat.enrollment.support.MutableTestClock;
import com.polaris.kat.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping an instance while registrations are in flight (server.shutdown=graceful): every
 * registration it acknowledged is in the event store, none is answered with a server error, and a
 * restarted instance answers a repeat of an acknowledged request with the first outcome.
 */
class GracefulShutdownTest {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    private static final int ATTEMPTS = 40;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ConfigurableApplicationContext start(TestDatabases.Database db) {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(EnrollmentServiceApplication.class, EnrollmentServiceTestBase.TestClock.class)
                .run(db.applicationArguments());
        ctx.getBean(MutableTestClock.class).set("2023-08-01T00:00:00Z");
        return ctx;
    }

    private HttpRequest request(ConfigurableApplicationContext ctx, String path, String key, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + ctx.getEnvironment().getProperty("local.server.port") + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (EnrollmentServiceTestBase.TESTER + ":" + EnrollmentServiceTestBase.TESTER_PASSWORD).getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return b.build();
    }

    private static String registration(int i) {
        return """
                {"clinician":{"fullName":"Leaver %d","email":"leaver%d@example.org","profession":"Nurse","licenseNumber":"RN%d","licenseState":"OR"},
                 "ceOption":false,"payment":{"amountPaidCents":210000,"chargeReference":"ch_%d","processingFeeCents":6120}}""".formatted(i, i, i, i);
    }

    @Test
    void registrationsInFlightFinishAndEveryAcknowledgedOneSurvivesARestart() throws Exception {
        TestDatabases.Database db = TestDatabases.createFresh("shutdown");
        ConfigurableApplicationContext first = start(db);
        for (var m : Fixtures.MODULES.values()) {
            client.send(request(first, "/api/catalog/modules", null, "{\"code\":\"%s\",\"title\":\"%s\",\"ceHours\":8}"
                    .formatted(m.code(), m.title())), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(client.send(request(first, "/api/catalog/series", null, """
                {"seriesNumber":91,"capacity":100,"priceCents":210000,"ceOptionPriceCents":0,"classDays":[{"module":"M1","date":"2023-10-10"}]}"""),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);

        // all on one series: they queue on its lock, so many are still in flight when the stop begins
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // idempotency key -> response body
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger notAccepted = new AtomicInteger();
        List<String> otherAnswers = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicLong stopBegan = new AtomicLong(Long.MAX_VALUE);
        AtomicInteger answeredAfterStopBegan = new AtomicInteger();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            String key = "leaver-" + i;
            calls.add(client.sendAsync(request(first, "/api/series/series-91/registrations", key, registration(i)),
                            HttpResponse.BodyHandlers.ofString())
                    .handle((r, failure) -> {
                        if (r == null) {
                            notAccepted.incrementAndGet(); // refused or cut before an answer: not acknowledged
                            return null;
                        }
                        if (System.nanoTime() > stopBegan.get()) {
                            answeredAfterStopBegan.incrementAndGet();
                        }
                        byStatus.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() == 201) {
                            acknowledged.put(key, r.body());
                        } else {
                            otherAnswers.add(r.statusCode() + " " + r.body());
                        }
                        answered.incrementAndGet();
                        return null;
                    }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() >= 3);
        stopBegan.set(System.nanoTime());
        first.close(); // graceful: stops accepting, lets the requests it holds finish
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();

        assertThat(byStatus.keySet()).as("statuses %s: %s", byStatus, otherAnswers).containsOnly(201);
        assertThat(answeredAfterStopBegan.get()).as("requests that were in flight when the stop began, then answered").isPositive();
        assertThat(acknowledged.size() + notAccepted.get()).isEqualTo(ATTEMPTS);
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'series-91' "
                     + "AND payload_type LIKE '%SeatTaken' AND convert_from(meta_data, 'UTF8') LIKE ?")) {
            for (String key : acknowledged.keySet()) {
                ps.setString(1, "%\"" + key + "\"%");
                try (ResultSet r = ps.executeQuery()) {
                    r.next();
                    assertThat(r.getInt(1)).as("acknowledged registration " + key + " stored once").isEqualTo(1);
                }
            }
        }

        ConfigurableApplicationContext second = start(db);
        try {
            String key = acknowledged.keySet().iterator().next();
            int i = Integer.parseInt(key.substring("leaver-".length()));
            HttpResponse<String> repeat = client.send(request(second, "/api/series/series-91/registrations", key, registration(i)),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(repeat.statusCode()).as("the first outcome, not a second seat").isEqualTo(200);
            assertThat(repeat.body()).contains(registrationId(acknowledged.get(key)));
        } finally {
            second.close();
        }
    }

    private static String registrationId(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"registrationId\":\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
