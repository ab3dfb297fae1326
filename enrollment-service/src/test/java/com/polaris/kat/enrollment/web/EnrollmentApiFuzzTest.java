package com.polaris.kat.enrollment.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.polaris.kat.enrollment.EnrollmentServiceApplication;
import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import com.polaris.kat.enrollment.support.MutableTestClock;
import com.polaris.kat.testsupport.TestDatabases;
import com.polaris.kat.testsupport.fuzz.ApiFuzz;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's fuzz test of the command side: random and mutated requests to every endpoint of the
 * running enrollment service ({@link ApiFuzz}: endpoints from its {@code /v3/api-docs}; bodies, path
 * variables, query parameters, Content-Type, Accept, Idempotency-Key and each role's credentials),
 * over real HTTP, on real PostgreSQL. Properties of every answer: never a 5xx; every refusal an
 * {@code application/problem+json} with type, title and status; a refused request wrote no event
 * (none carries its correlation id) and kept no idempotency key (the key table did not grow).
 */
class EnrollmentApiFuzzTest {

    static final int TRIES = 1400;
    private static final AtomicInteger SENT = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final Map<Integer, Integer> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();

    private static ConfigurableApplicationContext app;
    private static JdbcTemplate jdbc;
    private static String baseUrl;
    private static ApiFuzz fuzz;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeContainer
    static void startTheServiceWithData() throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        app = new SpringApplicationBuilder(EnrollmentServiceApplication.class, EnrollmentServiceTestBase.TestClock.class)
                .run(TestDatabases.createFresh("enrollment_fuzz").applicationArguments());
        jdbc = app.getBean(JdbcTemplate.class);
        baseUrl = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        MutableTestClock clock = app.getBean(MutableTestClock.class);
        clock.set("2023-08-01T00:00:00Z");
        List<String> modules = List.of("M1", "M2", "M3", "M4", "M5", "PRACTICE");
        for (String m : modules) {
            call("POST", "/api/catalog/modules", "{\"code\":\"" + m + "\",\"title\":\"Module " + m + "\",\"ceHours\":8}", 201);
        }
        // series 900 starts soon (attendance happens once the clock moves), 901 and 902 later; 902 shares 901's first day
        call("POST", "/api/catalog/series", series(900, 3, "2023-08-07", "2023-08-14", "2023-08-21"), 201);
        call("POST", "/api/catalog/series", series(901, 5, "2023-10-02", "2023-10-09", "2023-10-16"), 201);
        call("POST", "/api/catalog/series", series(902, 1, "2023-10-02", "2023-11-06", "2023-11-13"), 201);
        List<String> registrations = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String email = "fuzz" + i + "@example.org";
            emails.add(email);
            JsonNode r = JSON.readTree(call("POST", "/api/series/series-" + (i < 2 ? 900 : 901) + "/registrations", """
                    {"clinician":{"fullName":"Fuzz %d","email":"%s","profession":"LCSW","licenseNumber":"L-%d","licenseState":"CA"},
                     "ceOption":false,"payment":{"amountPaidCents":210000,"chargeReference":"ch_%d","processingFeeCents":6338}}"""
                    .formatted(i, email, i, i), 201));
            registrations.add(r.get("registrationId").asText());
        }
        clock.set("2023-08-15T18:00:00Z"); // series 900's first two days are over
        Map<String, List<String>> known = new LinkedHashMap<>();
        known.put("seriesId", List.of("series-900", "series-901", "series-902"));
        known.put("registrationId", registrations);
        known.put("classDayId", List.of("M1-2023-08-07", "M2-2023-08-14", "M3-2023-08-21", "M1-2023-10-02", "M2-2023-10-09", "M2-2023-11-06"));
        known.put("code", modules);
        known.put("module", modules);
        known.put("moduleCode", modules);
        known.put("email", emails);
        known.put("seriesNumber", List.of("900", "901", "903", "904", "905"));
        known.put("capacity", List.of("1", "3", "10"));
        known.put("priceCents", List.of("210000"));
        known.put("amountPaidCents", List.of("210000", "217500"));
        List<ApiFuzz.User> users = new ArrayList<>(List.of(ApiFuzz.User.basic(EnrollmentServiceTestBase.TESTER, EnrollmentServiceTestBase.TESTER_PASSWORD)));
        for (String role : List.of("frontend", "attendance", "finance", "compliance", "admin")) {
            users.add(ApiFuzz.User.basic(role, role + "-password-only-in-tests"));
        }
        fuzz = ApiFuzz.fromOpenApi(call("GET", "/v3/api-docs", null, 200), known, users);
    }

    private static String series(int number, int capacity, String... days) {
        String[] modules = {"M1", "M2", "M3"};
        List<String> classDays = new ArrayList<>();
        for (int i = 0; i < days.length; i++) {
            classDays.add("{\"module\":\"" + modules[i] + "\",\"date\":\"" + days[i] + "\"}");
        }
        return "{\"seriesNumber\":" + number + ",\"capacity\":" + capacity + ",\"priceCents\":210000,\"ceOptionPriceCents\":7500,\"classDays\":["
                + String.join(",", classDays) + "]}";
    }

    private static String call(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", ApiFuzz.User.basic(EnrollmentServiceTestBase.TESTER, EnrollmentServiceTestBase.TESTER_PASSWORD).authorization())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> res = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(method + " " + path + ": " + res.body()).isEqualTo(expected);
        return res.body();
    }

    @AfterContainer
    static void stop() {
        System.out.println("enrollment fuzz: " + SENT.get() + " requests, " + REFUSED.get() + " refused, by status " + STATUSES);
        if (app != null) {
            app.close();
        }
    }

    @Provide
    Arbitrary<ApiFuzz.Request> requests() {
        return fuzz.requests(null);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void noRequestGetsA5xxAndNoRefusedRequestWritesAnything(@ForAll("requests") ApiFuzz.Request request) throws Exception {
        String correlationId = "fuzz-" + SENT.incrementAndGet();
        long before = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        long keysBefore = jdbc.queryForObject("SELECT count(*) FROM enrollment.idempotency_key", Long.class);
        ApiFuzz.Response response = ApiFuzz.send(CLIENT, baseUrl, request, correlationId);
        STATUSES.merge(response.status(), 1, Integer::sum);
        assertThat(ApiFuzz.violations(request, response)).as(request.toString()).isEmpty();
        if (response.status() >= 400) {
            REFUSED.incrementAndGet();
            long written = jdbc.queryForObject("""
                    SELECT count(*) FROM domain_event_entry
                    WHERE global_index > ? AND position(? IN convert_from(meta_data, 'UTF8')) > 0""", Long.class, before, "\"" + correlationId + "\"");
            assertThat(written).as("events written by the refused request " + request).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM enrollment.idempotency_key", Long.class))
                    .as("idempotency keys kept by the refused request " + request).isEqualTo(keysBefore);
        }
    }
}
