package com.polaris.kat.enrollment.livesession;

import com.polaris.kat.events.livesession.LiveSessionEvents.HeldFor;
import com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionsFreed;
import com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionsHeld;
import com.polaris.kat.events.livesession.LiveSessionStreams;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

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

    private AggregateTestFixture<ClinicianLiveSessions> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ClinicianLiveSessions.class);
        // plain message handlers, not @CommandHandler methods: those would count as the service's (config/CommandRoutingTest)
        LiveSessionHolds holds = new RepositoryLiveSessionHolds(fixture.getRepository());
        fixture.registerCommandHandler(Hold.class, m -> {
            Hold h = (Hold) m.getPayload();
            holds.hold(CLINICIAN, h.registrationId(), h.seriesId(), h.seriesNumber(), h.classDayIds(), h.heldFor(), AT);
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
        return new LiveSessionsHeld(CLINICIAN, "r19", "series-19", 19, SERIES_19, HeldFor.SEAT, AT);
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
                        + "A class day is one live session for every series using it, attended and counted for CE once; cancel that "
                        + "registration first, or choose a series that does not share these class days.");
    }

    @Test
    void theRefusalCarriesTheDaysAndTheHolderAsMembers() {
        fixture.given(on(0, seat19()))
                .when(new Hold("r20", "series-20", 20, SERIES_20, HeldFor.SEAT))
                .expectException(new org.hamcrest.FeatureMatcher<com.polaris.kat.enrollment.rules.Refusal, java.util.Map<String, Object>>(
                        org.hamcrest.Matchers.equalTo(java.util.Map.<String, Object>of("classDayIds", List.of("M4-2024-01-13", "M5-2024-02-10"),
                                "seriesId", "series-19")), "a refusal with members", "members") {
                    @Override
                    protected java.util.Map<String, Object> featureValueOf(com.polaris.kat.enrollment.rules.Refusal actual) {
                        assertThat(actual.kind().status()).isEqualTo(409);
                        return actual.members();
                    }
                });
    }

    @Test
    void aSeriesWithNoDayInCommonIsHeld() {
        List<String> series21 = List.of("M1-2024-03-02", "M4-2024-04-13");
        fixture.given(on(0, seat19()))
                .when(new Hold("r21", "series-21", 21, series21, HeldFor.SEAT))
                .expectEvents(new LiveSessionsHeld(CLINICIAN, "r21", "series-21", 21, series21, HeldFor.SEAT, AT));
    }

    @Test
    void theSameRegistrationHoldingAgainAppendsNothing() {
        fixture.given(on(0, seat19()))
                .when(new Hold("r19", "series-19", 19, SERIES_19, HeldFor.SEAT))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aMakeUpOnADayHeldByAnotherRegistrationIsRefusedNamingTheMakeUp() {
        fixture.given(on(0, new LiveSessionsHeld(CLINICIAN, "r18", "series-18", 18, List.of("M4-2024-01-13"), HeldFor.MAKE_UP, AT)))
                .when(new Hold("r20", "series-20", 20, SERIES_20, HeldFor.SEAT))
                .expectException(refusal("class-day-already-held"))
                .expectExceptionMessage("The clinician already holds a place on class day M4-2024-01-13 through a make-up booked by their registration in Series 18. "
                        + "A class day is one live session for every series using it, attended and counted for CE once; cancel that "
                        + "make-up first, or choose a series that does not share these class days.");
    }

    @Test
    void aCancellationFreesEveryDayOfTheRegistrationAndTheDaysCanBeHeldAgain() {
        fixture.given(on(0, seat19()), on(1, new LiveSessionsHeld(CLINICIAN, "r19", "series-19", 19, List.of("M2-2023-12-02"), HeldFor.MAKE_UP, AT)))
                .when(new Free("r19", null, "registration cancelled"))
                .expectEvents(new LiveSessionsFreed(CLINICIAN, "r19",
                        List.of("M1-2023-11-04", "M2-2023-12-02", "M4-2024-01-13", "M5-2024-02-10"), "registration cancelled", AT));
        fixture.given(on(0, seat19()), on(1, new LiveSessionsFreed(CLINICIAN, "r19", SERIES_19, "registration cancelled", AT)))
                .when(new Hold("r20", "series-20", 20, SERIES_20, HeldFor.SEAT))
                .expectEvents(new LiveSessionsHeld(CLINICIAN, "r20", "series-20", 20, SERIES_20, HeldFor.SEAT, AT));
    }

    @Test
    void aMakeUpCancelledFreesItsDayOnlyAndNothingForDaysNotHeld() {
        fixture.given(on(0, seat19()), on(1, new LiveSessionsHeld(CLINICIAN, "r19", "series-19", 19, List.of("M2-2023-12-02"), HeldFor.MAKE_UP, AT)))
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
