package com.polaris.kat.projection.catalog;

import com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDayRescheduled;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;
import com.polaris.kat.projection.ProjectionServiceApplication;
import com.polaris.kat.testsupport.TestDatabases;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ProjectionServiceApplication.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.springframework.test.context.ActiveProfiles("test")
class CatalogProjectionTest {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "projection_catalog");
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    RestClient http;

    private static final BigDecimal EIGHT = new BigDecimal("8");

    private static SeriesClassDay day(String module, String date) {
        LocalDate d = LocalDate.parse(date);
        return new SeriesClassDay(module + "-" + date, module, "Title " + module, d, ProgramTime.startOf(d), ProgramTime.endOf(d), EIGHT);
    }

    private void append(String aggregateId, long seq, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("test", aggregateId, seq, payload));
    }

    private void append(String aggregateId, long seq, Object payload, String actor) {
        eventStore.publish(new GenericDomainEventMessage<>("test", aggregateId, seq, payload,
                org.axonframework.messaging.MetaData.with("actor", actor)));
    }

    private static final java.time.Instant ACCREDITOR_DECISION = java.time.Instant.parse("2023-10-01T00:00:00Z");

    @Autowired
    com.polaris.kat.eventstore.personal.PersonalDataVault vault;

    @BeforeAll
    void history() {
        com.polaris.kat.projection.support.TestEvents.sealWith(vault);
        http = RestClient.builder().baseUrl("http://localhost:" + port).defaultHeaders(h -> h.setBasicAuth("tester", "tester-password-only-in-tests"))
                .defaultStatusHandler(s -> true, (q, r) -> { }).build();
        append("M1", 0, new ModuleDefined("M1", "Introduction to Ketamine Assisted Psychotherapy", EIGHT));
        append("M4", 0, new ModuleDefined("M4", "Intermediate Workshop III on Ketamine-Assisted Psychotherapy", EIGHT));
        append("series-19", 0, new SeriesScheduled("series-19", 19, 30, Money.dollars(2100), Money.dollars(75),
                List.of(day("M1", "2023-07-13"), day("M4", "2023-11-13")), "v1"));
        // Series 20's days arrive in date order from the aggregate; M4 is shared with Series 19.
        append("series-20", 0, new SeriesScheduled("series-20", 20, 24, Money.dollars(2100), Money.ZERO,
                List.of(day("M1", "2023-10-10"), day("M4", "2023-11-13")), "v1"));
        append("M4-2023-11-13", 0, new com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled("M4-2023-11-13", "M4",
                LocalDate.parse("2023-11-13"), ProgramTime.startOf(LocalDate.parse("2023-11-13")), ProgramTime.endOf(LocalDate.parse("2023-11-13")), "series-19"));
        LocalDate moved = LocalDate.parse("2023-11-14");
        append("M4-2023-11-13", 1, new ClassDayMoved("M4-2023-11-13", "M4", LocalDate.parse("2023-11-13"), moved,
                ProgramTime.startOf(moved), ProgramTime.endOf(moved), List.of("series-19", "series-20"), "trainer ill"));
        append("series-20", 1, new SeriesClassDayRescheduled("series-20", "M4-2023-11-13", "M4", LocalDate.parse("2023-11-13"), moved,
                ProgramTime.startOf(moved), ProgramTime.endOf(moved), "trainer ill"));
        // Series 21 teaches M2 before compliance's change of M2 and M3, and M3 after it
        append("M2", 0, new ModuleDefined("M2", "Intermediate Workshop I", EIGHT));
        append("M3", 0, new ModuleDefined("M3", "Intermediate Workshop II", EIGHT));
        append("M5", 0, new ModuleDefined("M5", "Intermediate Workshop IV", EIGHT));
        // PRACTICE's change is stored before Series 21, whose scheduling read the module before the change committed (two
        // instances): its event carries the old 8 hours for a day the change reaches
        append("PRACTICE", 0, new ModuleDefined("PRACTICE", "Training and Practice", EIGHT));
        append("PRACTICE", 1, new com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged("PRACTICE", EIGHT, new BigDecimal("6"),
                "practice hours reviewed", java.time.Instant.parse("2023-08-01T00:00:00Z")), "compliance-officer");
        append("series-21", 0, new SeriesScheduled("series-21", 21, 30, Money.dollars(2100), Money.dollars(75),
                List.of(day("M2", "2023-09-01"), day("M3", "2023-12-01"), day("M5", "2023-12-08"), day("PRACTICE", "2023-12-15")), "v1"));
        // a change of revision 1 (as read through its upcaster: no instant), which applied to series scheduled after it
        append("M5", 1, new com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged("M5", EIGHT, new BigDecimal("7"),
                "recorded under revision 1", null), "compliance-officer");
        // M5 changes again from 2023-12-20 (an instant ahead of the day; an instance whose clock ran ahead), and Series 21's M5
        // day then moves across it, from 2023-12-08 to 2023-12-22: it earns the new hours
        append("M5", 2, new com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged("M5", new BigDecimal("7"), new BigDecimal("6.5"),
                "accreditor's review", java.time.Instant.parse("2023-12-20T00:00:00Z")), "compliance-officer");
        LocalDate m5Day = LocalDate.parse("2023-12-08"), m5Moved = LocalDate.parse("2023-12-22");
        append("M5-2023-12-08", 0, new com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled("M5-2023-12-08", "M5", m5Day,
                ProgramTime.startOf(m5Day), ProgramTime.endOf(m5Day), "series-21"));
        append("M5-2023-12-08", 1, new ClassDayMoved("M5-2023-12-08", "M5", m5Day, m5Moved, ProgramTime.startOf(m5Moved), ProgramTime.endOf(m5Moved),
                List.of("series-21"), "trainer away"));
        append("series-21", 1, new SeriesClassDayRescheduled("series-21", "M5-2023-12-08", "M5", m5Day, m5Moved,
                ProgramTime.startOf(m5Moved), ProgramTime.endOf(m5Moved), "trainer away"));
        // Series 18 teaches M3 on 2023-09-15, before M3's change; a clinician of Series 21 (whose M3 day is after it) books a
        // make-up there, not yet attended
        LocalDate m3Early = LocalDate.parse("2023-09-15");
        append("series-18", 0, new SeriesScheduled("series-18", 18, 30, Money.dollars(2100), Money.dollars(75), List.of(day("M3", "2023-09-15")), "v1"));
        append("M3-2023-09-15", 0, new com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled("M3-2023-09-15", "M3", m3Early,
                ProgramTime.startOf(m3Early), ProgramTime.endOf(m3Early), "series-18"));
        com.polaris.kat.events.enrollment.Clinician eve = new com.polaris.kat.events.enrollment.Clinician("Eve Early", "eve@example.org",
                "Psychologist", "LIC-eve", "CA");
        append("r-eve", 0, new com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced("series-21", "r-eve", "eve",
                com.polaris.kat.projection.support.TestEvents.seal("eve", "r-eve", eve), true, Money.dollars(2175), Money.ZERO, Money.dollars(2175),
                new com.polaris.kat.events.enrollment.Payment(Money.dollars(2175), "ch_r-eve", Money.ZERO), Money.ZERO, "v1",
                java.time.Instant.parse("2023-08-15T17:00:00Z"), 1, 30, "fp-r-eve", null));
        append("r-eve", 1, new com.polaris.kat.events.attendance.AttendanceEvents.MakeUpBooked("series-21", "r-eve", "eve", "M3", "M3-2023-09-15",
                m3Early, ProgramTime.startOf(m3Early), ProgramTime.endOf(m3Early)));
        append("M2", 1, new com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged("M2", EIGHT, new BigDecimal("7.5"),
                "breaks excluded", ACCREDITOR_DECISION), "compliance-officer");
        append("M3", 1, new com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged("M3", EIGHT, new BigDecimal("7"),
                "accreditor excludes the lunch break", ACCREDITOR_DECISION), "compliance-officer");
        append("M3", 2, new com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged("M3", new BigDecimal("7"), new BigDecimal("6.5"),
                "accreditor's second review", java.time.Instant.parse("2023-12-01T17:00:00Z")), "compliance-officer");
    }

    /**
     * A module's hours change from an instant: each series' day of the module starting after it shows the new hours, a day
     * that had started keeps the old (a day starting at the very instant had started), and compliance reads who changed
     * them, why and from when (a fresh reviewer's finding: series kept the hours they were scheduled with, and no endpoint
     * showed the changes).
     */
    @Test
    @SuppressWarnings("unchecked")
    void aChangeOfHoursReachesTheDaysNotYetStartedAndItsHistoryNamesWhoWhyAndFromWhen() {
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        Map<String, Object> s21 = http.get().uri("/api/catalog/series/21?minPosition=" + head).retrieve().body(Map.class);
        List<Map<String, Object>> days = (List<Map<String, Object>>) s21.get("classDays");
        assertThat(days).extracting(d -> d.get("moduleCode"), d -> new BigDecimal(String.valueOf(d.get("ceHours"))).stripTrailingZeros().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("M2", "8"), org.assertj.core.groups.Tuple.tuple("M3", "7"),
                        org.assertj.core.groups.Tuple.tuple("PRACTICE", "6"), org.assertj.core.groups.Tuple.tuple("M5", "6.5"));
        assertThat(new BigDecimal(String.valueOf(s21.get("totalCeHours")))).isEqualByComparingTo("27.5");
        // Eve's M3 make-up, before M3's change, earns the 8 hours Series 21 was scheduled with, not its own day's 7
        Map<String, Object> eveTranscript = http.get().uri("/api/transcripts/eve?minPosition=" + head).retrieve().body(Map.class);
        List<Map<String, Object>> eveModules = (List<Map<String, Object>>) ((List<Map<String, Object>>) eveTranscript.get("registrations")).get(0).get("modules");
        assertThat(eveModules).filteredOn(m -> "M3".equals(m.get("moduleCode"))).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("classDayId", "M3-2023-09-15").containsEntry("makeUp", true).containsEntry("ce", "PENDING");
            assertThat(new BigDecimal(String.valueOf(m.get("ceHours")))).isEqualByComparingTo("8");
        });
        Map<String, Object> m5 = http.get().uri("/api/catalog/modules/M5").retrieve().body(Map.class);
        assertThat(new BigDecimal(String.valueOf(m5.get("ceHours")))).as("the module's hours now").isEqualByComparingTo("6.5");
        assertThat((List<Map<String, Object>>) http.get().uri("/api/catalog/modules/M5/ce-hours-changes").retrieve().body(Map.class).get("items"))
                .first().satisfies(c ->
                assertThat(c).containsEntry("effectiveFrom", null).containsEntry("reason", "recorded under revision 1"));
        Map<String, Object> m3 = http.get().uri("/api/catalog/modules/M3").retrieve().body(Map.class);
        assertThat(new BigDecimal(String.valueOf(m3.get("ceHours")))).isEqualByComparingTo("6.5");

        ResponseEntity<Map> history = http.get().uri("/api/catalog/modules/M3/ce-hours-changes").retrieve().toEntity(Map.class);
        assertThat(history.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(history.getBody()).containsEntry("totalItems", 2).containsEntry("page", 0);
        List<Map<String, Object>> changes = (List<Map<String, Object>>) history.getBody().get("items");
        assertThat(changes).hasSize(2);
        Map<String, Object> first = changes.get(0);
        assertThat(first).containsEntry("moduleCode", "M3").containsEntry("effectiveFrom", "2023-10-01T00:00:00Z")
                .containsEntry("reason", "accreditor excludes the lunch break").containsEntry("changedBy", "compliance-officer");
        assertThat(new BigDecimal(String.valueOf(first.get("fromHours")))).isEqualByComparingTo("8");
        assertThat(new BigDecimal(String.valueOf(first.get("toHours")))).isEqualByComparingTo("7");
        assertThat(changes.get(1)).containsEntry("effectiveFrom", "2023-12-01T17:00:00Z");
        assertThat((List<?>) http.get().uri("/api/catalog/modules/M1/ce-hours-changes").retrieve().body(Map.class).get("items")).isEmpty();
        Map<String, Object> second = http.get().uri("/api/catalog/modules/M3/ce-hours-changes?page=1&size=1").retrieve().body(Map.class);
        assertThat((List<Map<String, Object>>) second.get("items")).singleElement().satisfies(c ->
                assertThat(c).containsEntry("effectiveFrom", "2023-12-01T17:00:00Z"));
        assertThat(http.get().uri("/api/catalog/modules/M3/ce-hours-changes?size=1000").retrieve().toEntity(Map.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<Map> none = http.get().uri("/api/catalog/modules/M77/ce-hours-changes").retrieve().toEntity(Map.class);
        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(none.getBody()).containsEntry("type", "urn:kat:problem:not-found");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> series(int n) {
        return http.get().uri("/api/catalog/series/" + n).retrieve().body(Map.class);
    }

    @Test
    void theCatalogListsASeriesWithItsClassDaysInDateOrderAndTheSeriesItSharesThemWith() {
        await().atMost(Duration.ofSeconds(20)).until(() -> series(20).get("classDays") != null
                && ((List<Map<String, Object>>) series(20).get("classDays")).stream().anyMatch(d -> "2023-11-14".equals(d.get("date"))));
        Map<String, Object> s20 = series(20);
        assertThat(s20).containsEntry("capacity", 24).containsEntry("price", "2100.00").containsEntry("ceOptionPrice", "0.00")
                .containsEntry("firstDay", "2023-10-10").containsEntry("lastDay", "2023-11-14")
                // v1: 09:00 Pacific (PDT) on 2023-09-26, 14 calendar days before the first class day
                .containsEntry("refundPolicyVersion", "v1").containsEntry("onTimeCancellationUntil", "2023-09-26T16:00:00Z");
        List<Map<String, Object>> days = (List<Map<String, Object>>) s20.get("classDays");
        assertThat(days).extracting(d -> d.get("moduleCode")).containsExactly("M1", "M4");
        assertThat(days.get(1)).containsEntry("startsAt", "2023-11-14T17:00:00Z").containsEntry("sharedWithSeries", List.of(19));
        assertThat(new BigDecimal(String.valueOf(s20.get("totalCeHours")))).isEqualByComparingTo("16");
    }

    /**
     * Found by a fresh reviewer: after a move, the series read at the move's position still showed the old date (it followed
     * only the series' own reschedule, appended later); and a late reschedule must not turn it back after a second move.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aMovedDayShowsOnItsSeriesAtTheMovesPositionAndALateRescheduleDoesNotTurnItBack() {
        LocalDate first = LocalDate.parse("2023-07-13"), second = LocalDate.parse("2023-07-14"), third = LocalDate.parse("2023-07-15");
        append("M1-2023-07-13", 0, new com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled("M1-2023-07-13", "M1", first,
                ProgramTime.startOf(first), ProgramTime.endOf(first), "series-19"));
        append("M1-2023-07-13", 1, new ClassDayMoved("M1-2023-07-13", "M1", first, second, ProgramTime.startOf(second), ProgramTime.endOf(second),
                List.of("series-19"), "room booked"));
        append("M1-2023-07-13", 2, new ClassDayMoved("M1-2023-07-13", "M1", second, third, ProgramTime.startOf(third), ProgramTime.endOf(third),
                List.of("series-19"), "room booked again"));
        assertThat(m1OfSeries19AtTheHead()).as("at the moves' position, before the series' reschedules").containsEntry("date", "2023-07-15");
        // the series' own reschedules arrive after both moves, the first of them late
        append("series-19", 1, new SeriesClassDayRescheduled("series-19", "M1-2023-07-13", "M1", first, second,
                ProgramTime.startOf(second), ProgramTime.endOf(second), "room booked"));
        assertThat(m1OfSeries19AtTheHead()).containsEntry("classDayId", "M1-2023-07-13").containsEntry("date", "2023-07-15");
        append("series-19", 2, new SeriesClassDayRescheduled("series-19", "M1-2023-07-13", "M1", second, third,
                ProgramTime.startOf(third), ProgramTime.endOf(third), "room booked again"));
        assertThat(m1OfSeries19AtTheHead()).containsEntry("date", "2023-07-15").containsEntry("startsAt", "2023-07-15T16:00:00Z");
    }

    /** Series 19's M1 day as the catalog shows it once it has processed every event stored so far (read-your-writes). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> m1OfSeries19AtTheHead() {
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        Map<String, Object> s19 = http.get().uri("/api/catalog/series/19?minPosition=" + head).retrieve().body(Map.class);
        return ((List<Map<String, Object>>) s19.get("classDays")).stream().filter(d -> "M1".equals(d.get("moduleCode"))).findFirst().orElseThrow();
    }

    @Test
    void seriesAreListedNewestFirstInPages() {
        await().atMost(Duration.ofSeconds(20)).until(() -> series(21).get("seriesNumber") != null && series(20).get("seriesNumber") != null
                && series(18).get("seriesNumber") != null
                && series(19).get("seriesNumber") != null);
        Map<String, Object> page = http.get().uri("/api/catalog/series?page=0&size=1").retrieve().body(Map.class);
        assertThat(page).containsEntry("totalItems", 4).containsEntry("size", 1);
        assertThat((List<Map<String, Object>>) page.get("items")).extracting(m -> m.get("seriesNumber")).containsExactly(21);
    }

    @Test
    void badPageParametersAreA400Problem() {
        ResponseEntity<Map> r = http.get().uri("/api/catalog/series?size=1000").retrieve().toEntity(Map.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:invalid-query");
        assertThat((String) r.getBody().get("detail")).contains("from 1 to 100");
        assertThat(http.get().uri("/api/catalog/series?page=x").retrieve().toEntity(Map.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void anUnknownSeriesIsA404Problem() {
        ResponseEntity<Map> r = http.get().uri("/api/catalog/series/99").retrieve().toEntity(Map.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat((String) r.getBody().get("detail")).contains("Series 99");
    }

    @Test
    void replayingTheCatalogFromTheStartRebuildsTheSameRows() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "2023-11-14".equals(series(20).get("lastDay")));
        List<Map<String, Object>> before = snapshot();

        StreamingEventProcessor processor = processing.eventProcessor("catalog", StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> !processor.isReplaying() && snapshot().equals(before));
        assertThat(snapshot()).isEqualTo(before).isNotEmpty();
    }

    private List<Map<String, Object>> snapshot() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(jdbc.queryForList("SELECT * FROM projection.catalog_module ORDER BY module_code"));
        rows.addAll(jdbc.queryForList("SELECT * FROM projection.catalog_series ORDER BY series_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM projection.catalog_series_class_day ORDER BY series_id, class_day_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM projection.catalog_class_day ORDER BY class_day_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM projection.catalog_module_ce_hours_change ORDER BY position"));
        return rows;
    }
}
