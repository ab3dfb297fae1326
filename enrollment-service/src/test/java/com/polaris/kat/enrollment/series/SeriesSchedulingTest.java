package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.support.Fixtures;
import com.polaris.kat.enrollment.support.RefusalMatchers;
import com.polaris.kat.events.catalog.CatalogCommands.ChangeSeriesCapacity;
import com.polaris.kat.events.catalog.CatalogCommands.ClassDayPlan;
import com.polaris.kat.events.catalog.CatalogCommands.RescheduleSeriesClassDay;
import com.polaris.kat.events.catalog.CatalogCommands.ScheduleSeries;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesCapacityChanged;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDayRescheduled;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.money.Money;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.hamcrest.Matchers.containsString;

class SeriesSchedulingTest {

    private static final Money PRICE = Money.dollars(2100);
    private static final Money CE = Money.dollars(75);

    private AggregateTestFixture<Series> fixture;
    private final List<String> classDaysUsed = new java.util.ArrayList<>();
    /** "dayId seriesId seats" for each seat capacity held on a class day. */
    private final List<String> seatsHeld = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Series.class);
        fixture.registerInjectableResource(classDayPlaces());
        fixture.registerInjectableResource(Fixtures.MODULE_CATALOG);
        fixture.registerInjectableResource(Fixtures.SESSIONS);
        // Series 20 was scheduled in the summer of 2023, before its first class day (October 10).
        fixture.registerInjectableResource(Fixtures.clockAt("2023-08-01T00:00:00Z"));
    }

    /** Records the class days a scheduling creates or joins: "dayId seriesId". */
    private com.polaris.kat.enrollment.classday.ClassDayPlaces classDayPlaces() {
        return new com.polaris.kat.enrollment.classday.ClassDayPlaces() {
            @Override
            public List<SeriesClassDay> find(java.util.Collection<SeriesClassDay> planned) {
                // M4 on 2023-11-13 is run by a day first scheduled on 2023-11-06 that moved there
                return planned.stream().map(d -> d.classDayId().equals("M4-2023-11-13") && movedM4 ? new SeriesClassDay("M4-2023-11-06", d.moduleCode(),
                        d.moduleTitle(), d.date(), d.startsAt(), d.endsAt(), d.ceHours()) : d).toList();
            }

            @Override
            public void use(java.util.Collection<SeriesClassDay> days, String seriesId, int seats) {
                days.forEach(d -> classDaysUsed.add(d.classDayId() + " " + seriesId));
            }

            @Override
            public void holdSeats(java.util.Collection<String> classDayIds, String seriesId, int seats) {
                classDayIds.forEach(d -> seatsHeld.add(d + " " + seriesId + " " + seats));
            }

            @Override
            public void release(java.util.Collection<String> classDayIds, String clinicianId, String registrationId, String reason,
                                java.time.Instant at) {
                throw new AssertionError("scheduling frees no make-up place");
            }
        };
    }

    static ScheduleSeries series20(int capacity) {
        return new ScheduleSeries("series-20", 20, capacity, PRICE, CE, List.of(
                plan("M1", "2023-10-10"), plan("M2", "2023-11-09"), plan("PRACTICE", "2023-11-10"),
                plan("M4", "2023-11-13"), plan("M5", "2023-12-13"), plan("M3", "2023-12-18")));
    }

    static ClassDayPlan plan(String module, String date) {
        return new ClassDayPlan(module, LocalDate.parse(date));
    }

    static SeriesClassDay day(String module, String date, String startsAtUtc, String endsAtUtc) {
        return new SeriesClassDay(module + "-" + date, module, Fixtures.MODULES.get(module).title(), LocalDate.parse(date),
                Instant.parse(startsAtUtc), Instant.parse(endsAtUtc), Fixtures.EIGHT);
    }

    static SeriesScheduled series20Scheduled(int capacity) {
        return new SeriesScheduled("series-20", 20, capacity, PRICE, CE, List.of(
                day("M1", "2023-10-10", "2023-10-10T16:00:00Z", "2023-10-11T00:00:00Z"),
                day("M2", "2023-11-09", "2023-11-09T17:00:00Z", "2023-11-10T01:00:00Z"),
                day("PRACTICE", "2023-11-10", "2023-11-10T17:00:00Z", "2023-11-11T01:00:00Z"),
                day("M4", "2023-11-13", "2023-11-13T17:00:00Z", "2023-11-14T01:00:00Z"),
                day("M5", "2023-12-13", "2023-12-13T17:00:00Z", "2023-12-14T01:00:00Z"),
                day("M3", "2023-12-18", "2023-12-18T17:00:00Z", "2023-12-19T01:00:00Z")), "v1");
    }

    @Test
    void scheduleSeriesPublishesItsClassDaysInDateOrderAt9To5PacificTime() {
        // Out-of-order modules (as on the page), and a DST change (November 5) between the days:
        // 09:00 PDT is 16:00 UTC, 09:00 PST is 17:00 UTC.
        fixture.givenNoPriorActivity()
                .when(series20(30))
                .expectEvents(series20Scheduled(30));
        // …and creates or joins those days in the same unit of work
        org.assertj.core.api.Assertions.assertThat(classDaysUsed).containsExactly("M1-2023-10-10 series-20", "M2-2023-11-09 series-20",
                "PRACTICE-2023-11-10 series-20", "M4-2023-11-13 series-20", "M5-2023-12-13 series-20", "M3-2023-12-18 series-20");
    }

    private boolean movedM4;

    /** A day keeps its id when it moves: the series lists, and uses, the day its (module, date) slot names, not the id of its date. */
    @Test
    void theSeriesListsAndUsesTheDaysTheSlotsNameForItsDates() {
        movedM4 = true;
        SeriesScheduled expected = series20Scheduled(30);
        List<SeriesClassDay> days = expected.classDays().stream().map(d -> d.moduleCode().equals("M4") ? new SeriesClassDay("M4-2023-11-06",
                d.moduleCode(), d.moduleTitle(), d.date(), d.startsAt(), d.endsAt(), d.ceHours()) : d).toList();
        fixture.givenNoPriorActivity()
                .when(series20(30))
                .expectEvents(new SeriesScheduled("series-20", 20, 30, PRICE, CE, days, "v1"));
        org.assertj.core.api.Assertions.assertThat(classDaysUsed).contains("M4-2023-11-06 series-20").doesNotContain("M4-2023-11-13 series-20");
    }

    @Test
    void anExistingSeriesNumberIsRefused() {
        fixture.given(series20Scheduled(30))
                .when(series20(30))
                .expectException(Refusal.class)
                .expectExceptionMessage(containsString("already scheduled"))
                .expectNoEvents();
    }

    @Test
    void capacityOfZeroOrLessIsRefused() {
        fixture.givenNoPriorActivity().when(series20(0))
                .expectException(Refusal.class).expectExceptionMessage(containsString("at least 1")).expectNoEvents();
        fixture.givenNoPriorActivity().when(series20(-3))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void anUnknownModuleIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSeries("series-20", 20, 30, PRICE, CE, List.of(plan("M9", "2023-10-10"))))
                .expectException(Refusal.class)
                .expectExceptionMessage(containsString("M9 is not defined"))
                .expectNoEvents();
    }

    @Test
    void aNewSeriesWithAClassDayInThePastIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSeries("series-20", 20, 30, PRICE, CE, List.of(plan("M1", "2023-07-31"), plan("M2", "2023-10-10"))))
                .expectException(Refusal.class)
                .expectExceptionMessage(containsString("already started"))
                .expectNoEvents();
    }

    @Test
    void aClassDayStartingTodayAt9IsAlreadyInThePastAt9() {
        fixture = new AggregateTestFixture<>(Series.class);
        fixture.registerInjectableResource(Fixtures.MODULE_CATALOG);
        fixture.registerInjectableResource(Fixtures.SESSIONS);
        fixture.registerInjectableResource(Fixtures.clockAt("2023-10-10T16:00:00Z"));
        fixture.registerInjectableResource(classDayPlaces());
        fixture.givenNoPriorActivity()
                .when(new ScheduleSeries("series-20", 20, 30, PRICE, CE, List.of(plan("M1", "2023-10-10"))))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void aSeriesRunsEachModuleOnce() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSeries("series-20", 20, 30, PRICE, CE, List.of(plan("M1", "2023-10-10"), plan("M1", "2023-10-11"))))
                .expectException(Refusal.class).expectExceptionMessage(containsString("listed twice")).expectNoEvents();
    }

    @Test
    void aSeriesRunsOneModuleADay() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSeries("series-20", 20, 30, PRICE, CE, List.of(plan("M1", "2023-10-10"), plan("M2", "2023-10-10"))))
                .expectException(Refusal.class).expectExceptionMessage(containsString("are both on 2023-10-10")).expectNoEvents();
    }

    @Test
    void thePriceWithTheCeOptionIsAtMostWhatARegistrationCanPay() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSeries("series-20", 20, 30, Money.ofCents(Money.MAX_REQUEST_CENTS), Money.ofCents(1), List.of(plan("M1", "2023-10-10"))))
                .expectException(Refusal.class).expectExceptionMessage(containsString("at most $1,000,000.00")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ScheduleSeries("series-20", 20, 30, Money.ofCents(Money.MAX_REQUEST_CENTS - 1), Money.ofCents(1), List.of(plan("M1", "2023-10-10"))))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aSeriesNeedsAtLeastOneClassDay() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSeries("series-20", 20, 30, PRICE, CE, List.of()))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void aNegativePriceIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSeries("series-20", 20, 30, Money.ofCents(-1), CE, List.of(plan("M1", "2023-10-10"))))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void changeCapacityRecordsOldAndNewCapacity() {
        fixture.given(series20Scheduled(30))
                .when(new ChangeSeriesCapacity("series-20", 24, "smaller room for breakouts"))
                .expectEvents(new SeriesCapacityChanged("series-20", 30, 24, 0, "smaller room for breakouts", 0));
    }

    @Test
    void capacityCannotChangeToZero() {
        fixture.given(series20Scheduled(30))
                .when(new ChangeSeriesCapacity("series-20", 0, "x"))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void reschedulingAClassDayMovesItInTheSeries() {
        fixture.given(series20Scheduled(30))
                .when(new RescheduleSeriesClassDay("series-20", "M4-2023-11-13", LocalDate.parse("2023-11-14"), "trainer ill"))
                .expectEvents(new SeriesClassDayRescheduled("series-20", "M4-2023-11-13", "M4", LocalDate.parse("2023-11-13"),
                        LocalDate.parse("2023-11-14"), Instant.parse("2023-11-14T17:00:00Z"), Instant.parse("2023-11-15T01:00:00Z"), "trainer ill"));
    }

    @Test
    void reschedulingTheSameMoveTwiceIsANoOp() {
        fixture.given(series20Scheduled(30), new SeriesClassDayRescheduled("series-20", "M4-2023-11-13", "M4", LocalDate.parse("2023-11-13"),
                        LocalDate.parse("2023-11-14"), Instant.parse("2023-11-14T17:00:00Z"), Instant.parse("2023-11-15T01:00:00Z"), "trainer ill"))
                .when(new RescheduleSeriesClassDay("series-20", "M4-2023-11-13", LocalDate.parse("2023-11-14"), "trainer ill"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aClassDayDateAfter2100IsRefusedAsInvalidAndTheLastDayOf2100IsScheduled() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSeries("series-20", 20, 30, PRICE, CE, List.of(plan("M1", "2101-01-01"))))
                .expectException(RefusalMatchers.refusal("invalid-date")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ScheduleSeries("series-20", 20, 30, PRICE, CE, List.of(new ClassDayPlan("M1", LocalDate.parse("+300000-01-01")))))
                .expectException(RefusalMatchers.refusal("invalid-date")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ScheduleSeries("series-20", 20, 30, PRICE, CE, List.of(plan("M1", "2100-12-31"))))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void reschedulingAClassDayOutside2000To2100IsRefused() {
        fixture.given(series20Scheduled(30))
                .when(new RescheduleSeriesClassDay("series-20", "M4-2023-11-13", LocalDate.parse("2101-01-01"), "typo"))
                .expectException(RefusalMatchers.refusal("invalid-date")).expectNoEvents();
        fixture.given(series20Scheduled(30))
                .when(new RescheduleSeriesClassDay("series-20", "M4-2023-11-13", LocalDate.parse("1999-12-31"), "typo"))
                .expectException(RefusalMatchers.refusal("invalid-date")).expectNoEvents();
    }
}
