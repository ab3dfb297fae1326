package com.polaris.kat.enrollment.demo;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import com.polaris.kat.testsupport.TestDatabases;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads series with the page's fixed numbers, so it runs in a database (and application context) of its own. */
class DemoCatalogLoaderTest extends EnrollmentServiceTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    com.polaris.kat.events.enrollment.ClinicianIds ids;


    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "demo_load");
    }

    @Autowired
    CommandGateway commands;

    private long count(String eventType) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ?", Long.class, "%$" + eventType);
    }

    /** The types of every event naming the series (its own stream and its registrations' streams), in store order. */
    private java.util.List<String> eventTypesOfSeries(String seriesId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ? ORDER BY global_index",
                String.class, "%\"seriesId\":\"" + seriesId + "\"%").stream().map(t -> t.substring(t.lastIndexOf('$') + 1)).toList();
    }

    @Test
    void theTrainingPagesCatalogLoadsThroughTheCommandPathOnceAndASecondLoadAddsNothing() {
        DemoCatalogLoader loader = new DemoCatalogLoader(commands, clock::set, ids);
        Instant today = Instant.parse("2026-11-26T15:00:00Z");

        DemoCatalogLoader.Result first = loader.load(today);
        // 6 modules, Series 10 and 12-20, 2 registrations in Series 20, Series 21 and 22, and the history.
        assertThat(first).isEqualTo(new DemoCatalogLoader.Result(21, 0));
        assertThat(count("SeriesScheduled")).isEqualTo(12);
        assertThat(eventTypes("series-20")).startsWith("SeriesScheduled", "SeatTaken", "SeatTaken").contains("SeatReleased")
                .allMatch(t -> t.startsWith("Series") || t.startsWith("Seat"));
        assertThat(eventTypesOfSeries("series-20")).startsWith("SeriesScheduled")
                .contains("RegistrationPlaced", "RegistrationCancelled", "RefundPayoutFailed", "RefundPayoutSettled", "AttendanceCorrected", "ModuleCeCreditRevoked");
        // the page marks Series 10, 12, 13 and 14 sold out
        for (String sold : List.of("series-10", "series-12", "series-13", "series-14")) {
            assertThat(eventTypes(sold).stream().filter("SeatTaken"::equals)).as(sold).hasSize(30);
            assertThat(eventTypesOfSeries(sold).stream().filter("RegistrationPlaced"::equals)).as(sold).hasSize(30);
        }
        assertThat(eventTypes("series-15").stream().filter("SeatTaken"::equals)).as("series-15").isEmpty();
        assertThat(eventTypesOfSeries("series-19")).contains("MakeUpBooked").filteredOn("ModuleCeCreditEarned"::equals).hasSize(6);
        assertThat(eventTypes(com.polaris.kat.events.credit.CreditStreams.of(ids.fromEmail("eve.demo@example.org"))))
                .containsExactly("CreditIssued", "CreditApplied");
        String rules = String.join(",", jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE payload_type LIKE '%RegistrationCancelled' AND convert_from(payload, 'UTF8') LIKE '%\"seriesId\":\"series-20\"%'", String.class));
        assertThat(rules).contains("ON_TIME_REFUND").contains("LATE_HALF_REFUND").contains("LATE_CREDIT");
        assertThat(eventTypes("series-11")).isEmpty();
        String s20 = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = 'series-20' AND sequence_number = 0", String.class);
        assertThat(s20).contains("\"classDayId\":\"M1-2023-10-10\"").contains("\"classDayId\":\"M3-2023-12-18\"").contains("PRACTICE-2023-11-10");
        String s13 = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = 'series-13' AND sequence_number = 0", String.class);
        assertThat(s13).doesNotContain("PRACTICE");

        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type NOT LIKE '%ClassDay%'", Long.class);
        assertThat(loader.load(today)).isEqualTo(new DemoCatalogLoader.Result(0, 21));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type NOT LIKE '%ClassDay%'", Long.class)).isEqualTo(events);
    }
}
