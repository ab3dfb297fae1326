package com.polaris.kat.enrollment.waitlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.polaris.kat.enrollment.support.Fixtures;
import com.polaris.kat.enrollment.support.ServiceInstances;
import com.polaris.kat.enrollment.support.MutableTestClock;
import com.polaris.kat.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The waitlist across service instances and restarts, on one PostgreSQL database (each instance with its
 * own aggregate locks, caches, command bus and db-scheduler, as two processes would have): freed seats
 * are offered once each and never sold past the waitlist, an offer's deadline survives a restart and
 * fires once when two instances poll the same task table.
 */
class WaitlistTwoInstanceTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ServiceInstances instances = new ServiceInstances();

    private ConfigurableApplicationContext start(TestDatabases.Database db, String at) {
        return instances.start(db, at);
    }

    @AfterEach
    void stop() {
        instances.close();
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext ctx, String path, String body) {
        return ServiceInstances.send(ctx, "POST", path, body);
    }

    private static void series(ConfigurableApplicationContext ctx, int number, int capacity) {
        for (var m : Fixtures.MODULES.values()) {
            send(ctx, "/api/catalog/modules", "{\"code\":\"%s\",\"title\":\"%s\",\"ceHours\":8}".formatted(m.code(), m.title()));
        }
        assertThat(send(ctx, "/api/catalog/series", """
                {"seriesNumber":%d,"capacity":%d,"priceCents":210000,"ceOptionPriceCents":0,
                 "classDays":[{"module":"M1","date":"2023-10-10"}]}""".formatted(number, capacity)).statusCode()).isEqualTo(201);
    }

    private static String clinician(String name) {
        return "{\"fullName\":\"%s\",\"email\":\"%s@example.org\",\"profession\":\"Nurse\",\"licenseNumber\":\"RN1\",\"licenseState\":\"OR\"}"
                .formatted(name, name);
    }

    private static String registration(String name) {
        return "{\"clinician\":%s,\"ceOption\":false,\"payment\":{\"amountPaidCents\":210000,\"chargeReference\":\"ch_%s\",\"processingFeeCents\":6120}}"
                .formatted(clinician(name), name);
    }

    private String field(HttpResponse<String> r, String name) {
        try {
            return json.readTree(r.body()).get(name).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> events(ConfigurableApplicationContext ctx, String seriesId, String type) {
        return ctx.getBean(JdbcTemplate.class).queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type LIKE ? ORDER BY sequence_number", String.class, seriesId, "%$" + type).stream()
                .map(s -> {
                    try {
                        return json.readTree(s);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    @Test
    void anOffersDeadlineSurvivesARestartAndPassesTheSeatOn() {
        TestDatabases.Database db = TestDatabases.createFresh("waitlist_restart");
        ConfigurableApplicationContext a = start(db, "2023-08-01T00:00:00Z");
        series(a, 61, 1);
        String holder = field(send(a, "/api/series/series-61/registrations", registration("holder")), "registrationId");
        String first = field(send(a, "/api/series/series-61/waitlist", "{\"clinician\":" + clinician("first") + "}"), "placeId");
        String second = field(send(a, "/api/series/series-61/waitlist", "{\"clinician\":" + clinician("second") + "}"), "placeId");
        assertThat(send(a, "/api/series/series-61/registrations/" + holder + "/cancel", "{}").statusCode()).isEqualTo(200);
        assertThat(events(a, "series-61", "WaitlistOfferMade")).singleElement()
                .satisfies(o -> assertThat(o.get("placeId").asText()).isEqualTo(first));
        a.close(); // the service stops between the offer and its end

        ConfigurableApplicationContext b = start(db, "2023-08-03T00:00:01Z"); // 48 h and a second later
        await().atMost(Duration.ofSeconds(30)).until(() -> events(b, "series-61", "WaitlistOfferMade").size() == 2);
        assertThat(events(b, "series-61", "WaitlistOfferLapsed")).singleElement()
                .satisfies(l -> assertThat(l.get("cause").asText()).isEqualTo("WINDOW_ENDED"));
        assertThat(events(b, "series-61", "WaitlistOfferMade").get(1).get("placeId").asText()).isEqualTo(second);
    }

    @Test
    void twoInstancesOfferEachFreedSeatOnceSellNoHeldSeatAndFireEachDeadlineOnce() throws Exception {
        TestDatabases.Database db = TestDatabases.createFresh("waitlist_two");
        ConfigurableApplicationContext a = start(db, "2023-08-01T00:00:00Z");
        ConfigurableApplicationContext b = start(db, "2023-08-01T00:00:00Z");
        int seats = 3;
        series(a, 62, seats);
        List<String> holders = new ArrayList<>();
        for (int i = 0; i < seats; i++) {
            holders.add(field(send(i % 2 == 0 ? a : b, "/api/series/series-62/registrations", registration("holder" + i)), "registrationId"));
        }
        List<String> places = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            places.add(field(send(i % 2 == 0 ? a : b, "/api/series/series-62/waitlist", "{\"clinician\":" + clinician("waiting" + i) + "}"), "placeId"));
        }
        // every holder cancels while 30 others try to register, spread over both instances
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> cancels = new ArrayList<>();
        List<Future<HttpResponse<String>>> attempts = new ArrayList<>();
        for (int i = 0; i < seats; i++) {
            String id = holders.get(i);
            ConfigurableApplicationContext target = i % 2 == 0 ? b : a;
            cancels.add(pool.submit(() -> {
                go.await();
                return send(target, "/api/series/series-62/registrations/" + id + "/cancel", "{}");
            }));
        }
        for (int i = 0; i < 30; i++) {
            String name = "racer" + i;
            ConfigurableApplicationContext target = i % 2 == 0 ? a : b;
            attempts.add(pool.submit(() -> {
                go.await();
                return send(target, "/api/series/series-62/registrations", registration(name));
            }));
        }
        go.countDown();
        for (Future<HttpResponse<String>> f : cancels) {
            assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(200);
        }
        for (Future<HttpResponse<String>> f : attempts) {
            assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(409);
        }
        pool.shutdown();

        List<JsonNode> offers = events(a, "series-62", "WaitlistOfferMade");
        assertThat(offers).hasSize(seats);
        assertThat(offers.stream().map(o -> o.get("placeId").asText())).containsExactlyElementsOf(places.subList(0, seats));
        assertThat(offers).allSatisfy(o -> assertThat(o.get("seatsTaken").asInt() + o.get("seatsHeldAfter").asInt()).isLessThanOrEqualTo(seats));
        assertThat(events(a, "series-62", "SeatTaken")).hasSize(seats); // the holders' only

        // every offer's end passes on both instances: each deadline lapses its offer once, the next three get offers
        a.getBean(MutableTestClock.class).set("2023-08-03T00:00:01Z");
        b.getBean(MutableTestClock.class).set("2023-08-03T00:00:01Z");
        await().atMost(Duration.ofSeconds(40)).until(() -> events(a, "series-62", "WaitlistOfferMade").size() == 2 * seats);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> events(a, "series-62", "WaitlistOfferMade").size() == 2 * seats);
        List<JsonNode> lapsed = events(a, "series-62", "WaitlistOfferLapsed");
        Set<String> firstOffers = offers.stream().map(o -> o.get("offerId").asText()).collect(Collectors.toSet());
        assertThat(lapsed.stream().map(l -> l.get("offerId").asText()).toList()).hasSize(seats).containsExactlyInAnyOrderElementsOf(firstOffers);
        List<JsonNode> all = events(a, "series-62", "WaitlistOfferMade");
        assertThat(new HashSet<>(all.stream().map(o -> o.get("placeId").asText()).toList())).containsExactlyInAnyOrderElementsOf(places);
        assertThat(all.subList(seats, 2 * seats)).allSatisfy(o -> assertThat(o.get("seatsHeldAfter").asInt()).isLessThanOrEqualTo(seats));
        Map<String, Object> row = a.getBean(JdbcTemplate.class).queryForMap(
                "SELECT count(*) AS n FROM domain_event_entry WHERE aggregate_identifier = 'series-62' AND payload_type LIKE '%WaitlistOfferLapsed'");
        assertThat(((Number) row.get("n")).intValue()).isEqualTo(seats);
    }
}
