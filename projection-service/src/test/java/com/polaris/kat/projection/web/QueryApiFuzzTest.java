package com.polaris.kat.projection.web;

import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.projection.ProjectionServiceApplication;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import com.polaris.kat.projection.support.TestEvents;
import com.polaris.kat.testsupport.TestDatabases;
import com.polaris.kat.testsupport.fuzz.ApiFuzz;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's fuzz test of the read side: random and mutated requests to every endpoint of the
 * running projection service ({@link ApiFuzz}: endpoints from its {@code /v3/api-docs}; path
 * variables, query parameters, bodies, Content-Type, Accept and each role's credentials), over
 * real HTTP on real PostgreSQL, with a small history in its store. Properties: never a 5xx; every
 * refusal an {@code application/problem+json} with type, title and status; nothing appended to the
 * event store (the read side never writes events). Left out: rebuilds of a real projection (their documented answer is
 * a 503 with Retry-After: its views answer 503 projection-rebuilding while it replays) and a {@code minPosition} beyond
 * the store's head (each waits the full 5 s before its 400 invalid-query; ViewsScenarioTest checks that answer).
 */
class QueryApiFuzzTest {

    static final int TRIES = 700;
    private static final AtomicInteger SENT = new AtomicInteger();
    private static final Map<Integer, Integer> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String TESTER = ApiFuzz.User.basic("tester", "tester-password-only-in-tests").authorization();

    private static ConfigurableApplicationContext app;
    private static JdbcTemplate jdbc;
    private static String baseUrl;
    private static ApiFuzz fuzz;
    private static long head;
    private static List<String> projections;

    @BeforeContainer
    static void startTheServiceWithAHistory() throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        app = new SpringApplicationBuilder(ProjectionServiceApplication.class, ProjectionServiceTestBase.FixedClock.class)
                .run(TestDatabases.createFresh("projection_fuzz").applicationArguments());
        jdbc = app.getBean(JdbcTemplate.class);
        baseUrl = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        // this context's own key store: the history's clinicians are sealed with keys in this test's database
        TestEvents.sealWith(app.getBean(com.polaris.kat.eventstore.personal.PersonalDataVault.class));
        EventStore store = app.getBean(EventStore.class);
        Money price = Money.ofCents(210000);
        publish(store, "series-61", 0, new SeriesScheduled("series-61", 61, 3, price, Money.ofCents(7500),
                List.of(TestEvents.day("M1", "2023-10-24"), TestEvents.day("M2", "2023-10-31")), "v1"));
        publish(store, "series-61", 1, TestEvents.placed("series-61", "11111111-1111-1111-1111-111111111111", "c-fuzz-1", price));
        head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                call("/api/registrations/11111111-1111-1111-1111-111111111111?minPosition=" + head).statusCode() == 200);
        projections = new ArrayList<>();
        Matcher m = Pattern.compile("\"name\":\"([^\"]+)\"").matcher(call("/api/admin/projections").body());
        while (m.find()) {
            projections.add(m.group(1));
        }
        assertThat(projections).isNotEmpty();
        Map<String, List<String>> known = new LinkedHashMap<>();
        known.put("seriesId", List.of("series-61"));
        known.put("number", List.of("61"));
        known.put("registrationId", List.of("11111111-1111-1111-1111-111111111111"));
        known.put("clinicianId", List.of("c-fuzz-1"));
        known.put("classDayId", List.of("M1-2023-10-24", "M2-2023-10-31"));
        known.put("name", projections);
        known.put("minPosition", List.of("1", String.valueOf(head)));
        known.put("page", List.of("0", "1"));
        known.put("size", List.of("1", "20", "100"));
        List<ApiFuzz.User> users = new ArrayList<>(List.of(ApiFuzz.User.basic("tester", "tester-password-only-in-tests")));
        for (String role : List.of("frontend", "attendance", "finance", "compliance", "admin")) {
            users.add(ApiFuzz.User.basic(role, role + "-password-only-in-tests"));
        }
        fuzz = ApiFuzz.fromOpenApi(call("/v3/api-docs").body(), known, users);
    }

    private static void publish(EventStore store, String stream, long sequence, Object event) {
        store.publish(new GenericDomainEventMessage<>("test", stream, sequence, event, MetaData.with("actor", "fuzz-setup")));
    }

    private static HttpResponse<String> call(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", TESTER).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterContainer
    static void stop() {
        System.out.println("query fuzz: " + SENT.get() + " requests, by status " + STATUSES);
        if (app != null) {
            app.close();
        }
    }

    /** Whether the documented answer to this request is a 503 (see the class comment). */
    static boolean answeredBy503ByDesign(ApiFuzz.Request r) {
        if (r.endpoint().path().endsWith("/rebuild") && projections.stream().anyMatch(n -> r.target().contains("/projections/" + n + "/"))) {
            return true;
        }
        Matcher m = Pattern.compile("[?&]minPosition=(\\d{1,18})(&|$)").matcher(r.target());
        while (m.find()) {
            if (Long.parseLong(m.group(1)) > head) {
                return true;
            }
        }
        return false;
    }

    @Provide
    Arbitrary<ApiFuzz.Request> requests() {
        return fuzz.requests(QueryApiFuzzTest::answeredBy503ByDesign);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void noRequestGetsA5xxAndEveryRefusalIsAProblem(@ForAll("requests") ApiFuzz.Request request) throws Exception {
        ApiFuzz.Response response = ApiFuzz.send(CLIENT, baseUrl, request, "fuzz-" + SENT.incrementAndGet());
        STATUSES.merge(response.status(), 1, Integer::sum);
        assertThat(ApiFuzz.violations(request, response)).as(request.toString()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class))
                .as("the read side appended nothing: " + request).isEqualTo(head);
    }
}
