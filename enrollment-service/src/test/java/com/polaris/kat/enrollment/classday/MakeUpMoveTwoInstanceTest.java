package com.polaris.kat.enrollment.classday;

import com.polaris.kat.enrollment.support.Fixtures;
import com.polaris.kat.enrollment.support.ServiceInstances;
import com.polaris.kat.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A make-up booking on one instance and a move of the registration's own series' day onto the make-up's date on another
 * (product rule: a make-up is never on a date its own series teaches). Neither appends to a stream the other appends to;
 * before the series' date locks ({@link SeriesDateLocks}) both could read before either committed and both be accepted,
 * leaving two live days on one date. Here both are held at the lock (this test holds it first) and let go in a known
 * order, each order once: the second reads what the first wrote and is refused.
 */
class MakeUpMoveTwoInstanceTest {

    private final ServiceInstances instances = new ServiceInstances();

    @AfterEach
    void stop() {
        instances.close();
    }

    private ConfigurableApplicationContext start(TestDatabases.Database db, String at) {
        return instances.start(db, at);
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext ctx, String method, String path, String body) {
        return ServiceInstances.send(ctx, method, path, body);
    }

    private static void created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    }

    private static long events(JdbcTemplate jdbc, String aggregateId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?",
                Long.class, aggregateId, "%$" + type);
    }

    @Test
    void aBookingAndAMoveOfItsSeriesDayOntoTheMakeUpsDateOnTwoInstancesAreOrderedAndTheSecondIsRefused() throws Exception {
        TestDatabases.Database db = TestDatabases.createFresh("makeup_move_two");
        ConfigurableApplicationContext a = start(db, "2025-04-01T00:00:00Z");
        ConfigurableApplicationContext b = start(db, "2025-04-01T00:00:00Z");
        for (var m : Fixtures.MODULES.values()) {
            send(a, "POST", "/api/catalog/modules", "{\"code\":\"%s\",\"title\":\"%s\",\"ceHours\":8}".formatted(m.code(), m.title()));
        }
        // the booking first: the move reads the booked make-up and is refused
        HttpResponse<String>[] first = race(a, b, 71, "2025-05", true);
        assertThat(first[0].statusCode()).as(first[0].body()).isEqualTo(201);
        assertThat(first[1].statusCode()).as(first[1].body()).isEqualTo(422);
        assertThat(first[1].body()).contains("urn:kat:problem:make-up-on-series-date");
        // the move first: the booking's instance had the series cached from the registration; it finds it stale, reads the
        // moved dates and is refused
        HttpResponse<String>[] second = race(a, b, 73, "2025-06", false);
        assertThat(second[1].statusCode()).as(second[1].body()).isEqualTo(200);
        assertThat(second[0].statusCode()).as(second[0].body()).isEqualTo(422);
        assertThat(second[0].body()).contains("urn:kat:problem:make-up-on-series-date");
    }

    /**
     * Series {@code number} (M1 on month-05, M2 on month-12) with one registration, booked on instance {@code a}, and series
     * number+1 (M1 on month-19, one make-up place); the registration's make-up of M1 on month-19 is sent to {@code a} and
     * the move of its series' M2 day onto month-19 to {@code b}, both while this test holds the series' date lock, queued
     * in the order given; then the lock is let go.
     *
     * @return the booking's answer and the move's; the record is checked to hold exactly one of them
     */
    @SuppressWarnings("unchecked")
    private HttpResponse<String>[] race(ConfigurableApplicationContext a, ConfigurableApplicationContext b, int number, String month,
                                        boolean bookingFirst) throws Exception {
        String seriesId = "series-" + number;
        created(send(a, "POST", "/api/catalog/series", """
                {"seriesNumber":%d,"capacity":5,"priceCents":210000,"ceOptionPriceCents":0,
                 "classDays":[{"module":"M1","date":"%s-05"},{"module":"M2","date":"%s-12"}]}""".formatted(number, month, month)));
        created(send(a, "POST", "/api/catalog/series", """
                {"seriesNumber":%d,"capacity":1,"priceCents":210000,"ceOptionPriceCents":0,"classDays":[{"module":"M1","date":"%s-19"}]}"""
                .formatted(number + 1, month)));
        created(send(a, "PUT", "/api/catalog/class-days/M1-" + month + "-19/make-up-places", "{\"places\":1}"));
        HttpResponse<String> registered = send(a, "POST", "/api/series/" + seriesId + "/registrations", """
                {"clinician":{"fullName":"Ada Race","email":"ada.race%d@example.org","profession":"Nurse","licenseNumber":"RN1","licenseState":"OR"},
                 "ceOption":false,"payment":{"amountPaidCents":210000,"chargeReference":"ch_race","processingFeeCents":6120}}""".formatted(number));
        created(registered);
        String registrationId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(registered.body()).get("registrationId").asText();

        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection held = a.getBean(DataSource.class).getConnection()) {
            held.setAutoCommit(false);
            try (var st = held.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                st.setInt(1, AdvisorySeriesDateLocks.NAMESPACE);
                st.setString(2, seriesId);
                st.executeQuery().close();
            }
            java.util.concurrent.Callable<HttpResponse<String>> book = () -> send(a, "POST", "/api/series/" + seriesId + "/registrations/"
                    + registrationId + "/make-ups", "{\"moduleCode\":\"M1\",\"classDayId\":\"M1-" + month + "-19\"}");
            java.util.concurrent.Callable<HttpResponse<String>> move = () -> send(b, "POST", "/api/catalog/class-days/M2-" + month + "-12/move",
                    "{\"newDate\":\"" + month + "-19\",\"reason\":\"room double-booked\"}");
            // each waits for the series' date lock in its own instance's transaction, queued in the order sent
            Future<HttpResponse<String>> firstSent = pool.submit(bookingFirst ? book : move);
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting(jdbc) == 1);
            Future<HttpResponse<String>> secondSent = pool.submit(bookingFirst ? move : book);
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting(jdbc) == 2);
            assertThat(firstSent.isDone()).isFalse();
            assertThat(secondSent.isDone()).isFalse();
            held.rollback(); // lets both go: the first in the lock's queue decides, the second reads what it wrote

            HttpResponse<String> booked = (bookingFirst ? firstSent : secondSent).get();
            HttpResponse<String> moved = (bookingFirst ? secondSent : firstSent).get();
            long makeUps = events(jdbc, registrationId, "MakeUpBooked");
            long moves = events(jdbc, "M2-" + month + "-12", "ClassDayMoved");
            assertThat(makeUps + moves).as("the record holds one of them: make-ups booked %d, moves %d", makeUps, moves).isEqualTo(1);
            return new HttpResponse[]{booked, moved};
        } finally {
            pool.shutdownNow();
        }
    }

    /** Transactions waiting for a series' date lock. */
    private static long waiting(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = ?::oid AND NOT granted",
                Long.class, (long) AdvisorySeriesDateLocks.NAMESPACE);
    }
}
