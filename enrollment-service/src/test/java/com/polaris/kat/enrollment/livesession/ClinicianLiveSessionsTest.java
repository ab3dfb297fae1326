package com.polaris.kat.enrollment.livesession;

import com.polaris.kat.events.livesession.LiveSessionEvents.HeldFor;
import com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionMoved;
import com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionsFreed;
import com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionsHeld;
import com.polaris.kat.events.livesession.LiveSessionStreams;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static com.polaris.kat.enrollment.support.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One place per live session (docs/decisions.md): the clinician's live-sessions stream through {@link RepositoryLiveSessionHolds},
 * as the seat sale, the cancellation and the make-up desk call it.
 */
class ClinicianLiveSessionsTest {

    private static final Instant AT = Instant.parse("2023-10-01T18:00:00Z");
    private static final String CLINICIAN = "clin-1";
    private static final String STREAM = LiveSessionStreams.of(CLINICIAN);
    private static final List<String> SERIES_19 = List.of("M1-2023-11-04", "M4-2024-01-13", "M5-2024-02-10");
    private static final List<String> SERIES_20 = List.of("M1-2023-11-18", "M4-2024-01-13", "M5-2024-02-10");

    /** What the production callers send, as commands the fixture can dispatch. */
    record Hold(String registrationId, String seriesId, int seriesNumber, List<String> classDayIds, HeldFor heldFor) {
    }

    record Free(String registrationId, List<String> classDayIds, String reason) {
    }

    record Move(String classDayId, LocalDate toDate) {
    }

    private AggregateTestFixture<ClinicianLiveSessions> fixture;

    /** The date a class day id names ({@code M4-2024-01-13}: 2024-01-13). */
    private static LocalDate dateOf(String classDayId) {
        return LocalDate.parse(classDayId.substring(classDayId.indexOf('-') + 1));
    }

    private static java.util.SortedMap<String, LocalDate> withDates(List<String> classDayIds) {
        java.util.SortedMap<String, LocalDate> days = new java.util.TreeMap<>();
        classDayIds.forEach(d -> days.put(d, dateOf(d)));
        return days;
    }

    private static List<LocalDate> datesOf(List<String> classDayIds) {
        return classDayIds.stream().map(ClinicianLiveSessionsTest::dateOf).toList();
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ClinicianLiveSessions.class);
        // plain message handlers, not @CommandHandler methods: those would count as the service's (config/CommandRoutingTest)
        LiveSessionHolds holds = new RepositoryLiveSessionHolds(fixture.getRepository());
        fixture.registerCommandHandler(Hold.class, m -> {
            Hold h = (Hold) m.getPayload();
            holds.hold(CLINICIAN, h.registrationId(), h.seriesId(), h.seriesNumber(), withDates(h.classDayIds()),
                    h.heldFor() == HeldFor.MAKE_UP ? LiveSessionHolds.Asking.MAKE_UP : LiveSessionHolds.Asking.SEAT, AT);
            return null;
        });
        fixture.registerCommandHandler(Move.class, m -> {
            Move mv = (Move) m.getPayload();
            holds.followMove(new java.util.TreeSet<>(List.of(CLINICIAN)), mv.classDayId(), mv.toDate(), "trainer ill", AT);
            return null;
        });
        fixture.registerCommandHandler(Free.class, m -> {
            Free f = (Free) m.getPayload();
            holds.free(CLINICIAN, f.registrationId(), f.classDayIds(), f.reason(), AT);
            return null;
        });
    }

    private static GenericDomainEventMessage<Object> on(long sequence, Object event) {
        return new GenericDomainEventMessage<>("ClinicianLiveSessions", STREAM, sequence, event);
    }

    private static LiveSessionsHeld seat19() {
        return new LiveSessionsHeld(CLINICIAN, "r19", "series-19", 19, SERIES_19, HeldFor.SEAT, AT, datesOf(SERIES_19));
    }

    @Test
    void aFirstSeatStartsTheStreamWithEveryDayOfTheSeries() {
        fixture.givenNoPriorActivity()
                .when(new Hold("r19", "series-19", 19, SERIES_19, HeldFor.SEAT))
                .expectEvents(seat19());
    }

    @Test
    void aSeatInASeriesSharingADayIsRefusedNamingTheDaysAndTheHolder() {
        fixture.given(on(0, seat19()))
                .when(new Hold("r20", "series-20", 20, SERIES_20, HeldFor.SEAT))
                .expectNoEvents()
                .expectException(refusal("class-day-already-held"))
                .expectExceptionMessage("The clinician already holds a place on class days M4-2024-01-13, M5-2024-02-10 through their registration in Series 19. "
                        + "A class day is one live session for every series using it, attended and counted for CE once. Cancel that "
                        + "registration first, or choose a series that does not share these class days.");
    }

    @Test
    void theRefusalCarriesTheDaysAndTheHolderAsMembers() {
        fixture.given(on(0, seat19()))
                .when(new Hold("r20", "series-20", 20, SERIES_20, HeldFor.SEAT))
                .expectException(new org.hamcrest.FeatureMatcher<com.polaris.kat.enrollment.rules.Refusal, java.util.Map<String, Object>>(
                        org.hamcrest.Matchers.equalTo(java.util.Map.<String, Object>of("classDayIds", List.of("M4-2024-01-13", "M5-2024-02-10"),
                                "heldThrough", List.of(
                                        Map.of("classDayId", "M4-2024-01-13", "date", "2024-01-13", "seriesId", "series-19", "heldFor", "SEAT"),
                                        Map.of("classDayId", "M5-2024-02-10", "date", "2024-02-10", "seriesId", "series-19", "heldFor", "SEAT")))),
                        "a refusal with members", "members") {
                    @Override
                    protected java.util.Map<String, Object> featureValueOf(com.polaris.kat.enrollment.rules.Refusal actual) {
                        assertThat(actual.kind().status()).isEqualTo(409);
                        return actual.members();
                    }
                });
    }

    /**
     * A fresh reviewer's: days held through two registrations were all named as the first one's, so the clinician was told
     * to cancel a registration that would have left the other day in the way. Each holder is named with its own days.
     */
    @Test
    void daysHeldThroughTwoRegistrationsAreNamedEachWithItsOwnSeries() {
        fixture.given(on(0, seat19()),
                        on(1, new LiveSessionsHeld(CLINICIAN, "r18", "series-18", 18, List.of("M1-2023-11-18"), HeldFor.MAKE_UP, AT, datesOf(List.of("M1-2023-11-18")))))
                .when(new Hold("r20", "series-20", 20, SERIES_20, HeldFor.SEAT))
                .expectException(refusal("class-day-already-held"))
                .expectExceptionMessage("The clinician already holds a place on class day M1-2023-11-18 through a make-up booked by their "
                        + "registration in Series 18; and on class days M4-2024-01-13, M5-2024-02-10 through their registration in Series 19. "
                        + "A class day is one live session for every series using it, attended and counted for CE once. Cancel those "
                        + "registrations and make-ups first, or choose a series that does not share these class days.");
    }

    /**
     * A fresh reviewer's: a clinician in a series with M1 on a date registered in another with M2 on that date, two live days
     * at one hour (every class day runs 09:00-17:00 Pacific). One live day at a time.
     */
    @Test
    void anotherClassDayOnADateAlreadyHeldIsRefusedNamingBothDaysAndTheDate() {
        fixture.given(on(0, seat19()))
                .when(new Hold("r21", "series-21", 21, List.of("M2-2023-11-04", "M3-2023-12-02"), HeldFor.SEAT))
                .expectNoEvents()
                .expectException(refusal("date-already-held"))
                .expectExceptionMessage("The clinician already holds a place on class day M1-2023-11-04 (2023-11-04) through their "
                        + "registration in Series 19. Class day M2-2023-11-04 (2023-11-04) asked for runs on the date of a day held, and every class day "
                        + "runs 09:00-17:00 Pacific, so a clinician attends one live day at a time. Cancel that registration first, or "
                        + "choose a series that does not teach on these dates.");
    }

    /** A held day that moved away since keeps no hold on the date it left (its move is recorded on the stream). */
    @Test
    void aHeldDayThatMovedAwayFromTheDateIsNotInTheWay() {
        fixture.given(on(0, seat19()), on(1, new LiveSessionMoved(CLINICIAN, "r19", "M1-2023-11-04", LocalDate.parse("2023-11-04"),
                        LocalDate.parse("2023-11-05"), AT, "trainer ill")))
                .when(new Hold("r21", "series-21", 21, List.of("M2-2023-11-04"), HeldFor.SEAT))
                .expectEvents(new LiveSessionsHeld(CLINICIAN, "r21", "series-21", 21, List.of("M2-2023-11-04"), HeldFor.SEAT, AT,
                        List.of(LocalDate.parse("2023-11-04"))));
    }

    /** Places held before dates were recorded (revision 1, read with no dates) count by class day only. */
    @Test
    void placesHeldWithoutDatesCountByClassDayOnly() {
        fixture.given(on(0, new LiveSessionsHeld(CLINICIAN, "r19", "series-19", 19, SERIES_19, HeldFor.SEAT, AT, null)))
                .when(new Hold("r21", "series-21", 21, List.of("M2-2023-11-04"), HeldFor.SEAT))
                .expectEvents(new LiveSessionsHeld(CLINICIAN, "r21", "series-21", 21, List.of("M2-2023-11-04"), HeldFor.SEAT, AT,
                        List.of(LocalDate.parse("2023-11-04"))));
        fixture.given(on(0, new LiveSessionsHeld(CLINICIAN, "r19", "series-19", 19, SERIES_19, HeldFor.SEAT, AT, null)))
                .when(new Hold("r20", "series-20", 20, SERIES_20, HeldFor.SEAT))
                .expectException(refusal("class-day-already-held"));
    }

    /**
     * A fresh reviewer's: a series sharing one held day and teaching on the date of another was refused for the shared day
     * alone; the clinician cancelled that registration as told, and was refused again for the date. Every place in the way
     * is named at once.
     */
    @Test
    void aSharedDayAndAnotherOnAHeldDateAreNamedTogether() {
        fixture.given(on(0, seat19()),
                        on(1, new LiveSessionsHeld(CLINICIAN, "r18", "series-18", 18, List.of("M2-2024-03-02"), HeldFor.SEAT, AT,
                                datesOf(List.of("M2-2024-03-02")))))
                .when(new Hold("r22", "series-22", 22, List.of("M1-2023-11-04", "M3-2024-03-02"), HeldFor.SEAT))
                .expectException(refusal("class-day-already-held"))
                .expectExceptionMessage("The clinician already holds a place on class day M1-2023-11-04 through their registration in "
                        + "Series 19; and on class day M2-2024-03-02 (2024-03-02) through their registration in Series 18. A class day is "
                        + "one live session for every series using it, attended and counted for CE once; and class day M3-2024-03-02 (2024-03-02) asked "
                        + "for runs on the date of a day held, and every class day runs 09:00-17:00 Pacific, so a clinician attends one "
                        + "live day at a time. Cancel those registrations first, or choose a series that neither shares these class days "
                        + "nor teaches on these dates.");
    }

    /** A fresh reviewer's: two make-ups of one registration were named "a make-up" and "that make-up". */
    @Test
    void twoMakeUpsOfOneRegistrationAreNamedInThePlural() {
        fixture.given(on(0, new LiveSessionsHeld(CLINICIAN, "r18", "series-18", 18, List.of("M4-2024-01-13", "M5-2024-02-10"), HeldFor.MAKE_UP, AT,
                        datesOf(List.of("M4-2024-01-13", "M5-2024-02-10")))))
                .when(new Hold("r20", "series-20", 20, SERIES_20, HeldFor.SEAT))
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("class days M4-2024-01-13, M5-2024-02-10 through make-ups booked by their registration in Series 18."),
                        org.hamcrest.Matchers.containsString("Cancel those make-ups first")));
    }

    /**
     * A fresh reviewer's: a held day that moved kept its old date on the stream, and a seat on its new date was sold. The
     * move records the new date on every holder's stream, and refuses when it would give one of them two live days.
     */
    @Test
    void aMoveRecordsTheNewDateAndAMoveOntoAnotherHeldDateIsRefused() {
        fixture.given(on(0, seat19()))
                .when(new Move("M4-2024-01-13", LocalDate.parse("2024-01-20")))
                .expectEvents(new LiveSessionMoved(CLINICIAN, "r19", "M4-2024-01-13", LocalDate.parse("2024-01-13"), LocalDate.parse("2024-01-20"), AT, "trainer ill"));
        fixture.given(on(0, seat19()), on(1, new LiveSessionMoved(CLINICIAN, "r19", "M4-2024-01-13", LocalDate.parse("2024-01-13"),
                        LocalDate.parse("2024-01-20"), AT, "trainer ill")))
                .when(new Hold("r21", "series-21", 21, List.of("M2-2024-01-20"), HeldFor.SEAT))
                .expectException(refusal("date-already-held"));
        fixture.given(on(0, seat19()), on(1, new LiveSessionsHeld(CLINICIAN, "r21", "series-21", 21, List.of("M2-2024-01-20"), HeldFor.SEAT, AT,
                        datesOf(List.of("M2-2024-01-20")))))
                .when(new Move("M4-2024-01-13", LocalDate.parse("2024-01-20")))
                .expectNoEvents()
                .expectException(refusal("date-already-held"))
                .expectExceptionMessage("Class day M4-2024-01-13 cannot move to 2024-01-20: every class day runs 09:00-17:00 Pacific, and the "
                        + "clinician holding it through registration r19 (Series 19) also holds M2-2024-01-20 through registration r21 "
                        + "(Series 21) on 2024-01-20. Each clinician attends one live day at a time. Choose another date, or move it once "
                        + "one of the places is cancelled (a registration by the clinician, through the front end; a make-up by attendance "
                        + "staff). Nothing was moved.");
    }

    @Test
    void aSeriesWithNoDayInCommonIsHeld() {
        List<String> series21 = List.of("M1-2024-03-02", "M4-2024-04-13");
        fixture.given(on(0, seat19()))
                .when(new Hold("r21", "series-21", 21, series21, HeldFor.SEAT))
                .expectEvents(new LiveSessionsHeld(CLINICIAN, "r21", "series-21", 21, series21, HeldFor.SEAT, AT, datesOf(series21)));
    }

    @Test
    void theSameRegistrationHoldingAgainAppendsNothing() {
        fixture.given(on(0, seat19()))
                .when(new Hold("r19", "series-19", 19, SERIES_19, HeldFor.SEAT))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aMakeUpOnADayHeldByAnotherRegistrationIsRefusedNamingTheMakeUp() {
        fixture.given(on(0, new LiveSessionsHeld(CLINICIAN, "r18", "series-18", 18, List.of("M4-2024-01-13"), HeldFor.MAKE_UP, AT, datesOf(List.of("M4-2024-01-13")))))
                .when(new Hold("r20", "series-20", 20, SERIES_20, HeldFor.SEAT))
                .expectException(refusal("class-day-already-held"))
                .expectExceptionMessage("The clinician already holds a place on class day M4-2024-01-13 through a make-up booked by their registration in Series 18. "
                        + "A class day is one live session for every series using it, attended and counted for CE once. Cancel that "
                        + "make-up first, or choose a series that does not share these class days.");
    }

    @Test
    void aCancellationFreesEveryDayOfTheRegistrationAndTheDaysCanBeHeldAgain() {
        fixture.given(on(0, seat19()), on(1, new LiveSessionsHeld(CLINICIAN, "r19", "series-19", 19, List.of("M2-2023-12-02"), HeldFor.MAKE_UP, AT, datesOf(List.of("M2-2023-12-02")))))
                .when(new Free("r19", null, "registration cancelled"))
                .expectEvents(new LiveSessionsFreed(CLINICIAN, "r19",
                        List.of("M1-2023-11-04", "M2-2023-12-02", "M4-2024-01-13", "M5-2024-02-10"), "registration cancelled", AT));
        fixture.given(on(0, seat19()), on(1, new LiveSessionsFreed(CLINICIAN, "r19", SERIES_19, "registration cancelled", AT)))
                .when(new Hold("r20", "series-20", 20, SERIES_20, HeldFor.SEAT))
                .expectEvents(new LiveSessionsHeld(CLINICIAN, "r20", "series-20", 20, SERIES_20, HeldFor.SEAT, AT, datesOf(SERIES_20)));
    }

    @Test
    void aMakeUpCancelledFreesItsDayOnlyAndNothingForDaysNotHeld() {
        fixture.given(on(0, seat19()), on(1, new LiveSessionsHeld(CLINICIAN, "r19", "series-19", 19, List.of("M2-2023-12-02"), HeldFor.MAKE_UP, AT, datesOf(List.of("M2-2023-12-02")))))
                .when(new Free("r19", List.of("M2-2023-12-02"), "make-up cancelled"))
                .expectEvents(new LiveSessionsFreed(CLINICIAN, "r19", List.of("M2-2023-12-02"), "make-up cancelled", AT));
        fixture.given(on(0, seat19()))
                .when(new Free("r18", List.of("M4-2024-01-13"), "make-up cancelled"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void freeingForAClinicianWithoutAStreamAppendsNothing() {
        fixture.givenNoPriorActivity()
                .when(new Free("r19", null, "registration cancelled"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }
}
