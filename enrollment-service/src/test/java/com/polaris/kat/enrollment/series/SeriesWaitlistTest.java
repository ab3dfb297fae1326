package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.attendance.CeCreditRule;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.support.Fixtures;
import com.polaris.kat.events.catalog.CatalogCommands.ChangeSeriesCapacity;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesCapacityChanged;
import com.polaris.kat.events.waitlist.WaitlistCommands.ChangeSeriesOfferWindow;
import com.polaris.kat.events.waitlist.WaitlistCommands.DeclineWaitlistOffer;
import com.polaris.kat.events.waitlist.WaitlistCommands.JoinWaitlist;
import com.polaris.kat.events.waitlist.WaitlistCommands.LeaveWaitlist;
import com.polaris.kat.events.waitlist.WaitlistEvents.SeriesOfferWindowChanged;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistClosed;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistJoined;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistLeft;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferDeclined;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferLapsed;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferMade;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static com.polaris.kat.enrollment.series.SeriesTestData.series20;
import static com.polaris.kat.enrollment.series.SeriesTestData.taken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waitlist's rules on the series' stream (shared/product-rules "Waitlist"), with Axon's fixture and
 * its stub deadline manager; the clock follows the fixture's time so deadlines fire on it.
 */
class SeriesWaitlistTest {

    private static final Instant NOW = Instant.parse("2023-08-20T00:00:00Z");
    private AggregateTestFixture<Series> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Series.class);
        AggregateTestFixture<Series> f = fixture;
        Clock followsFixture = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return f.currentTime();
            }
        };
        f.registerInjectableResource(new SeriesTestData.StartedRegistrations());
        f.registerInjectableResource(Fixtures.MODULE_CATALOG);
        f.registerInjectableResource(Fixtures.SESSIONS);
        f.registerInjectableResource(new SeriesTestData.ClassDaysHeld());
        f.registerInjectableResource(followsFixture);
        f.registerInjectableResource(new CeCreditRule(CeCreditRule.DEFAULT_GRACE_MINUTES));
        f.registerInjectableResource(new SoldOutSeries(f.getEventStore()));
        f.registerInjectableResource(Fixtures.SEALING);
    }

    private static JoinWaitlist join(String place, int clinician) {
        return new JoinWaitlist("series-20", place, "clin-" + clinician, SeriesTestData.clinician(clinician), "fp-" + place);
    }

    private static WaitlistJoined joined(String place, int clinician, int after) {
        return new WaitlistJoined("series-20", place, "clin-" + clinician, SeriesTestData.sealed("clin-" + clinician), "fp-" + place, after, NOW);
    }

    private static WaitlistOfferMade offer(String offer, String place, int clinician, String cause, Instant at, int held) {
        return new WaitlistOfferMade("series-20", offer, place, "clin-" + clinician, cause, at, at.plus(Duration.ofHours(48)), 1, held, 1);
    }

    @Test
    void joinWaitlistPublishesWaitlistJoinedWhenSoldOutAndSetsTheCloseDeadline() {
        fixture.given(series20(1), taken("r1", 1, 1, 1)).andGivenCurrentTime(NOW)
                .when(join("p1", 2))
                .expectSuccessfulHandlerExecution()
                .expectEvents(joined("p1", 2, 1))
                .expectScheduledDeadline(Instant.parse("2023-10-10T16:00:00Z"), new Series.WaitlistCloses("series-20"));
    }

    @Test
    void joinWaitlistThrowsNotSoldOutAlreadyRegisteredOrAlreadyOnWaitlist() {
        fixture.given(series20(2), taken("r1", 1, 1, 2)).andGivenCurrentTime(NOW).when(join("p1", 2))
                .expectException(Refusal.class).expectExceptionMessage(org.hamcrest.Matchers.containsString("register instead"));
        fixture.given(series20(1), taken("r1", 1, 1, 1)).andGivenCurrentTime(NOW).when(join("p1", 1))
                .expectException(Refusal.class).expectExceptionMessage(org.hamcrest.Matchers.containsString("already holds a registration"));
        fixture.given(series20(1), taken("r1", 1, 1, 1), joined("p1", 2, 1)).andGivenCurrentTime(NOW).when(join("p2", 2))
                .expectException(Refusal.class).expectExceptionMessage(org.hamcrest.Matchers.containsString("already holds a place"));
        fixture.given(series20(1), taken("r1", 1, 1, 1)).andGivenCurrentTime(Instant.parse("2023-10-10T16:00:00Z")).when(join("p1", 2))
                .expectException(Refusal.class).expectExceptionMessage(org.hamcrest.Matchers.containsString("closed"));
    }

    /**
     * A capacity change records both inputs of its check, the seats taken and those held by open offers (a fresh reviewer's
     * auditor saw only the seats taken and could not tell why a lower capacity would have been refused).
     */
    @Test
    void aCapacityChangeRecordsTheSeatsHeldByOpenOffersBesideThoseTaken() {
        Object[] history = {series20(1), taken("r1", 1, 1, 1), joined("p1", 2, 1), joined("p2", 3, 2),
                new SeriesCapacityChanged("series-20", 1, 2, 1, "bigger room", 0), offer("o1", "p1", 2, "CAPACITY_RAISED", NOW, 1)};
        fixture.given(history).andGivenCurrentTime(NOW)
                .when(new ChangeSeriesCapacity("series-20", 3, "third seat"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.<Object>equalTo(new SeriesCapacityChanged("series-20", 2, 3, 1, "third seat", 1)),
                        org.hamcrest.Matchers.<Object>instanceOf(WaitlistOfferMade.class),
                        org.axonframework.test.matchers.Matchers.andNoMore())));
        fixture(); // a fresh fixture for the refusal
        fixture.given(history).andGivenCurrentTime(NOW)
                .when(new ChangeSeriesCapacity("series-20", 1, "smaller room"))
                .expectException(Refusal.class).expectExceptionMessage(org.hamcrest.Matchers.containsString("1 seat taken and 1 held by waitlist offers"));
    }

    @Test
    void raisingTheCapacityOffersTheFirstInLineWithA48HourDeadline() {
        fixture.given(series20(1), taken("r1", 1, 1, 1), joined("p1", 2, 1), joined("p2", 3, 2)).andGivenCurrentTime(NOW)
                .when(new ChangeSeriesCapacity("series-20", 2, "bigger room"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.<Object>instanceOf(SeriesCapacityChanged.class),
                        org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.instanceOf(WaitlistOfferMade.class),
                                org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString("placeId=p1")),
                                org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString("expiresAt=2023-08-22T00:00:00Z"))),
                        org.axonframework.test.matchers.Matchers.andNoMore())))
                .expectScheduledDeadlineOfType(Duration.ofHours(48), Series.OfferWindowEnds.class);
    }

    @Test
    void anOfferWhoseWindowEndsLapsesAndPassesToTheNextInLine() {
        fixture.given(series20(1), taken("r1", 1, 1, 1), joined("p1", 2, 1), joined("p2", 3, 2)).andGivenCurrentTime(NOW)
                .andGivenCommands(new ChangeSeriesCapacity("series-20", 2, "bigger room")) // offers p1 a seat until NOW + 48 h
                .whenTimeElapses(Duration.ofHours(48))
                .expectTriggeredDeadlinesOfType(Series.OfferWindowEnds.class)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.instanceOf(WaitlistOfferLapsed.class),
                                org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString("placeId=p1")),
                                org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString("cause=WINDOW_ENDED"))),
                        org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.instanceOf(WaitlistOfferMade.class),
                                org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString("placeId=p2")),
                                org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString("cause=OFFER_LAPSED"))),
                        org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void decliningPassesTheSeatOnAndLeavingWithAnOpenOfferDeclinesIt() {
        Instant later = NOW.plus(Duration.ofHours(1));
        fixture.given(series20(2), taken("r1", 1, 1, 2), joined("p1", 2, 1), joined("p2", 3, 2), joined("p3", 4, 3),
                        offer("o1", "p1", 2, "SEAT_RELEASED", NOW, 1))
                .andGivenCurrentTime(later)
                .when(new DeclineWaitlistOffer("series-20", "o1", "found another date"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.<Object>equalTo(
                                new WaitlistOfferDeclined("series-20", "o1", "p1", "clin-2", null, later,
                                        com.polaris.kat.enrollment.support.Fixtures.sealedText("clin-2", "contact-key-clin-2", "found another date"))),
                        org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString("placeId=p2")),
                        org.axonframework.test.matchers.Matchers.andNoMore())));
        fixture(); // a fresh fixture: its stub deadline manager holds the deadline the decline set
        fixture.given(series20(2), taken("r1", 1, 1, 2), joined("p1", 2, 1), joined("p2", 3, 2), offer("o1", "p1", 2, "SEAT_RELEASED", NOW, 1))
                .andGivenCurrentTime(later)
                .when(new LeaveWaitlist("series-20", "p1", null, "changed plans"))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.<Object>instanceOf(WaitlistOfferDeclined.class),
                        org.hamcrest.Matchers.<Object>equalTo(
                                new WaitlistLeft("series-20", "p1", "clin-2", null, later,
                                        com.polaris.kat.enrollment.support.Fixtures.sealedText("clin-2", "contact-key-clin-2", "changed plans"))),
                        org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString("cause=PLACE_LEFT")),
                        org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void theOfferWindowIsSetPerSeriesWithinItsBounds() {
        fixture.given(series20(1)).andGivenCurrentTime(NOW).when(new ChangeSeriesOfferWindow("series-20", 60, "short"))
                .expectEvents(new SeriesOfferWindowChanged("series-20", 2880, 60, "short"));
        fixture.given(series20(1)).andGivenCurrentTime(NOW).when(new ChangeSeriesOfferWindow("series-20", 0, "none"))
                .expectException(com.polaris.kat.enrollment.support.RefusalMatchers.refusal("invalid-offer-window"));
        fixture.given(series20(1)).andGivenCurrentTime(NOW).when(new ChangeSeriesOfferWindow("series-20", 43_201, "too long"))
                .expectException(com.polaris.kat.enrollment.support.RefusalMatchers.refusal("invalid-offer-window"));
        fixture.given(series20(1)).andGivenCurrentTime(NOW).when(new ChangeSeriesOfferWindow("series-20", 2880, "same")).expectNoEvents();
    }

    @Test
    void theOfferWindowCannotChangeOnceRegistrationClosed() {
        fixture.given(series20(1)).andGivenCurrentTime(Instant.parse("2023-10-10T16:00:00Z"))
                .when(new ChangeSeriesOfferWindow("series-20", 60, "too late"))
                .expectException(com.polaris.kat.enrollment.support.RefusalMatchers.refusal("registration-closed")).expectNoEvents();
    }

    @Test
    void theCloseDeadlineLapsesOpenOffersAndClosesTheWaitlist() {
        Instant close = Instant.parse("2023-10-10T16:00:00Z");
        fixture.given(series20(1), taken("r1", 1, 1, 1)).andGivenCurrentTime(close.minus(Duration.ofHours(1)))
                .andGivenCommands(join("p1", 2), join("p2", 3), new ChangeSeriesCapacity("series-20", 2, "bigger room"))
                .whenTimeAdvancesTo(close)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.instanceOf(WaitlistOfferLapsed.class),
                                org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString("cause=REGISTRATION_CLOSED"))),
                        org.hamcrest.Matchers.<Object>equalTo(new WaitlistClosed("series-20", 1, close, close)),
                        org.axonframework.test.matchers.Matchers.andNoMore())));
    }
}
