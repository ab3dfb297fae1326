package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.policy.RefundPolicyV1;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.enrollment.EnrollmentCommands.CancelRegistration;
import com.polaris.kat.events.enrollment.EnrollmentCommands.PayoutOutcome;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RecordRefundPayout;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutFailed;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutSettled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.LateCancellationChoice;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.enrollment.registration.RegistrationTestData.StubSeriesSeats;
import com.polaris.kat.enrollment.series.SeriesSchedule;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.time.ProgramTime;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static com.polaris.kat.enrollment.registration.RegistrationTestData.fixtureAt;
import static com.polaris.kat.enrollment.series.SeriesTestData.*;
import static com.polaris.kat.enrollment.support.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** The cancellation's refund decision and the refund's payouts, on the registration's stream. */
class RegistrationCancellationTest {

    private static final LocalDate FIRST_DAY = LocalDate.parse("2023-10-10");
    /** The payout tests run one minute after the cutoff. */
    private static final Instant NOW = CUTOFF.plusSeconds(60);

    private static RefundDecision decision(Instant at, Money cash, Money credit, LateCancellationChoice choice) {
        return new RefundPolicyV1().decide(at, FIRST_DAY, cash, FEE, credit, choice);
    }

    @Test
    void cancellingAtTheCutoffRecordsAnOnTimeRefundWithEveryInput() {
        RefundDecision expected = new RefundDecision("v1", "ON_TIME_REFUND", CUTOFF, Instant.parse("2023-10-10T16:00:00Z"), CUTOFF,
                true, null, DUE_WITH_CE, Money.ZERO, DUE_WITH_CE, Money.dollars(25), FEE, Money.ofCents(217_500 - 2_500 - 6_338), Money.ZERO);
        fixtureAt(CUTOFF.toString()).given(placed("r1", 1, true, 1, 30))
                .when(new CancelRegistration("series-20", "r1", null, "schedule conflict"))
                .expectEvents(new RegistrationCancelled("series-20", "r1", "clin-1", expected, null, 0,
                        com.polaris.kat.enrollment.support.Fixtures.sealedText("clin-1", "contact-key-clin-1", "schedule conflict")))
                .expectResultMessagePayload(expected);
    }

    /** One place per live session (docs/decisions.md): a cancellation frees every class day the registration held, its make-ups' too. */
    @Test
    void aCancellationFreesTheClinicianPlacesOnEveryLiveSessionOfTheRegistration() {
        RegistrationTestData.StubLiveSessionHolds liveSessions = new RegistrationTestData.StubLiveSessionHolds();
        fixtureAt(CUTOFF.toString(), liveSessions).given(placed("r1", 1, true, 1, 30))
                .when(new CancelRegistration("series-20", "r1", null, "schedule conflict"))
                .expectSuccessfulHandlerExecution();
        assertThat(liveSessions.freed).containsExactly("clin-1 r1 ALL registration cancelled");
    }

    @Test
    void aLateCancellationWithoutAChoiceIsRefusedAndAsksForOne() {
        fixtureAt(CUTOFF.plusSeconds(1).toString()).given(placed("r1", 1, true, 1, 30))
                .when(new CancelRegistration("series-20", "r1", null, null))
                .expectException(Refusal.class).expectExceptionMessage(containsString("Choose \"CREDIT\""))
                .expectNoEvents();
    }

    @Test
    void aLateCancellationForCreditIssuesTheFullAmountPaid() {
        Instant at = CUTOFF.plusSeconds(1);
        fixtureAt(at.toString()).given(placed("r1", 1, true, 1, 30))
                .when(new CancelRegistration("series-20", "r1", LateCancellationChoice.CREDIT, null))
                .expectEvents(new RegistrationCancelled("series-20", "r1", "clin-1",
                        decision(at, DUE_WITH_CE, Money.ZERO, LateCancellationChoice.CREDIT), null, 0));
    }

    @Test
    void aLateCancellationForRefundRecordsTheHalfRefund() {
        Instant at = CUTOFF.plusSeconds(1);
        fixtureAt(at.toString()).given(placed("r1", 1, true, 1, 30))
                .when(new CancelRegistration("series-20", "r1", LateCancellationChoice.REFUND, null))
                .expectEvents(new RegistrationCancelled("series-20", "r1", "clin-1",
                        decision(at, DUE_WITH_CE, Money.ZERO, LateCancellationChoice.REFUND), null, 0));
    }

    @Test
    void theCreditPartOfAPaymentComesBackAsCredit() {
        Instant at = CUTOFF.minusSeconds(1);
        Money credit = Money.ofCents(100_000);
        fixtureAt(at.toString()).given(placed("r1", 1, true, 1, 30, credit))
                .when(new CancelRegistration("series-20", "r1", null, null))
                .expectEvents(new RegistrationCancelled("series-20", "r1", "clin-1",
                        decision(at, DUE_WITH_CE.minus(credit), credit, null), null, 0));
    }

    @Test
    void aSecondCancelIsRefused() {
        RefundDecision d = decision(CUTOFF, DUE_WITH_CE, Money.ZERO, null);
        fixtureAt(CUTOFF.plusSeconds(60).toString())
                .given(placed("r1", 1, true, 1, 30), new RegistrationCancelled("series-20", "r1", "clin-1", d, null, 0))
                .when(new CancelRegistration("series-20", "r1", LateCancellationChoice.CREDIT, null))
                .expectException(Refusal.class).expectExceptionMessage(containsString("already cancelled")).expectNoEvents();
    }

    @Test
    void nothingCanBeCancelledAfterTheLastClassDayHasEnded() {
        // December 18, 2023, 17:00 PST = December 19, 01:00 UTC.
        fixtureAt("2023-12-19T01:00:01Z").given(placed("r1", 1, true, 1, 30))
                .when(new CancelRegistration("series-20", "r1", LateCancellationChoice.CREDIT, null))
                .expectException(Refusal.class).expectExceptionMessage(containsString("ended")).expectNoEvents();
    }

    /** A fresh reviewer's (helper-154): the instant the last day ends, it has ended; a millisecond before, it has not. */
    @Test
    void theLastClassDayHasEndedAtTheInstantItEnds() {
        fixtureAt("2023-12-19T01:00:00Z").given(placed("r1", 1, true, 1, 30))
                .when(new CancelRegistration("series-20", "r1", LateCancellationChoice.CREDIT, null))
                .expectException(refusal("series-ended")).expectNoEvents();
        fixtureAt("2023-12-19T00:59:59.999Z").given(placed("r1", 1, true, 1, 30))
                .when(new CancelRegistration("series-20", "r1", LateCancellationChoice.CREDIT, null))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.instanceOf(RegistrationCancelled.class), org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void aRegistrationIsNotFoundUnderAnotherSeries() {
        fixtureAt(CUTOFF.toString()).given(placed("r1", 1, true, 1, 30))
                .when(new CancelRegistration("series-21", "r1", null, null))
                .expectException(refusal("registration-not-found")).expectNoEvents();
    }

    @Test
    void theCutoffMovesWithTheFirstClassDay() {
        // M1 moved from October 10 to October 17: the cutoff becomes October 3, 09:00 PDT.
        LocalDate movedTo = LocalDate.parse("2023-10-17");
        List<SeriesClassDay> days = new ArrayList<>(schedule20().days());
        days.set(0, new SeriesClassDay("M1-2023-10-10", "M1", days.get(0).moduleTitle(), movedTo,
                ProgramTime.startOf(movedTo), ProgramTime.endOf(movedTo), days.get(0).ceHours()));
        StubSeriesSeats moved = new StubSeriesSeats(new SeriesSchedule("series-20", 20, days, com.polaris.kat.enrollment.catalog.CeHoursApprovals.AS_SCHEDULED));
        fixtureAt("2023-10-03T16:00:00Z", moved).given(placed("r1", 1, true, 1, 30))
                .when(new CancelRegistration("series-20", "r1", null, null))
                .expectResultMessagePayload(new RefundPolicyV1().decide(Instant.parse("2023-10-03T16:00:00Z"), movedTo,
                        DUE_WITH_CE, FEE, Money.ZERO, null));
    }

    @Test
    void aCancellationFreesTheSeatOnTheSeriesInTheSameCommand() {
        StubSeriesSeats series = new StubSeriesSeats(schedule20());
        fixtureAt(CUTOFF.toString(), series).given(placed("r1", 1, true, 1, 30))
                .when(new CancelRegistration("series-20", "r1", null, null))
                .expectSuccessfulHandlerExecution();
        assertThat(series.released).containsExactly("r1");
    }

    @Test
    void aLateCancellationForCreditPutsTheCreditOnTheBalanceAndFreesItsMakeUpPlacesInTheSameCommand() {
        RegistrationTestData.StubClinicianCredit credit = new RegistrationTestData.StubClinicianCredit();
        RegistrationTestData.StubClassDayPlaces classDays = new RegistrationTestData.StubClassDayPlaces();
        fixtureAt(CUTOFF.plusSeconds(1).toString(), new StubSeriesSeats(schedule20()), credit, classDays)
                .given(placed("r1", 1, true, 1, 30),
                        new com.polaris.kat.events.attendance.AttendanceEvents.MakeUpBooked("series-20", "r1", "clin-1", "M2", "M2-2023-11-20",
                                LocalDate.parse("2023-11-20"), ProgramTime.startOf(LocalDate.parse("2023-11-20")), ProgramTime.endOf(LocalDate.parse("2023-11-20"))))
                .when(new CancelRegistration("series-20", "r1", LateCancellationChoice.CREDIT, null))
                .expectSuccessfulHandlerExecution();
        assertThat(credit.issued).containsExactly("clin-1 cancellation:r1 " + DUE_WITH_CE.cents());
        assertThat(classDays.released).containsExactly("M2-2023-11-20 r1");
    }

    @Test
    void aRefusedCancellationFreesNoSeat() {
        StubSeriesSeats series = new StubSeriesSeats(schedule20());
        fixtureAt(CUTOFF.plusSeconds(1).toString(), series).given(placed("r1", 1, true, 1, 30))
                .when(new CancelRegistration("series-20", "r1", null, null))
                .expectException(refusal("late-choice-required")).expectNoEvents();
        assertThat(series.released).isEmpty();
    }

    @Test
    void aDecidedRefundIsSettledWithTheProcessorsReference() {
        RefundDecision d = decision(CUTOFF, DUE_WITH_CE, Money.ZERO, null);
        fixtureAt(CUTOFF.plusSeconds(60).toString())
                .given(placed("r1", 1, true, 1, 30), new RegistrationCancelled("series-20", "r1", "clin-1", d, null, 0))
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.SETTLED, "re_123", null))
                .expectEvents(new RefundPayoutSettled("series-20", "r1", d.refundAmount(), "re_123", 1, NOW));
    }

    @Test
    void aFailedPayoutCanBeRetriedAndThenSettled() {
        RefundDecision d = decision(CUTOFF, DUE_WITH_CE, Money.ZERO, null);
        fixtureAt(CUTOFF.plusSeconds(60).toString())
                .given(placed("r1", 1, true, 1, 30), new RegistrationCancelled("series-20", "r1", "clin-1", d, null, 0),
                        new RefundPayoutFailed("series-20", "r1", d.refundAmount(), "card expired", 1, NOW))
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.SETTLED, "re_456", null))
                .expectEvents(new RefundPayoutSettled("series-20", "r1", d.refundAmount(), "re_456", 2, NOW));
    }

    @Test
    void aRefundIsNeverSettledTwice() {
        RefundDecision d = decision(CUTOFF, DUE_WITH_CE, Money.ZERO, null);
        fixtureAt(CUTOFF.plusSeconds(60).toString())
                .given(placed("r1", 1, true, 1, 30), new RegistrationCancelled("series-20", "r1", "clin-1", d, null, 0),
                        new RefundPayoutSettled("series-20", "r1", d.refundAmount(), "re_123", 1, NOW))
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.SETTLED, "re_999", null))
                .expectException(Refusal.class).expectExceptionMessage(containsString("already settled (processor's refund reference re_123); a refund is never paid twice"))
                .expectNoEvents();
    }

    @Test
    void aLateCreditCancellationHasNoRefundToPayOut() {
        RefundDecision d = decision(CUTOFF.plusSeconds(1), DUE_WITH_CE, Money.ZERO, LateCancellationChoice.CREDIT);
        fixtureAt(CUTOFF.plusSeconds(60).toString())
                .given(placed("r1", 1, true, 1, 30), new RegistrationCancelled("series-20", "r1", "clin-1", d, null, 0))
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.SETTLED, "re_1", null))
                .expectException(Refusal.class).expectExceptionMessage(containsString("no refund")).expectNoEvents();
    }

    @Test
    void aSettledPayoutNeedsTheProcessorsReference() {
        RefundDecision d = decision(CUTOFF, DUE_WITH_CE, Money.ZERO, null);
        fixtureAt(CUTOFF.plusSeconds(60).toString())
                .given(placed("r1", 1, true, 1, 30), new RegistrationCancelled("series-20", "r1", "clin-1", d, null, 0))
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.SETTLED, "", null))
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void aSettledPayoutThatComesBackIsReversedNamingItAndTheRefundCanBeSettledAgain() {
        RefundDecision d = decision(CUTOFF, DUE_WITH_CE, Money.ZERO, null);
        var settled = new RefundPayoutSettled("series-20", "r1", d.refundAmount(), "re_123", 1, NOW);
        fixtureAt(NOW.toString())
                .given(placed("r1", 1, true, 1, 30), new RegistrationCancelled("series-20", "r1", "clin-1", d, null, 0), settled)
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.REVERSED, null, "account closed, funds returned"))
                .expectEvents(new com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutReversed("series-20", "r1", d.refundAmount(),
                        "re_123", 1, "account closed, funds returned", NOW));
        fixtureAt(NOW.toString())
                .given(placed("r1", 1, true, 1, 30), new RegistrationCancelled("series-20", "r1", "clin-1", d, null, 0), settled,
                        new com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutReversed("series-20", "r1", d.refundAmount(), "re_123", 1, "returned", NOW))
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.SETTLED, "re_124", null))
                .expectEvents(new RefundPayoutSettled("series-20", "r1", d.refundAmount(), "re_124", 2, NOW));
        // ... but not by the reversed payout's own reference (a fresh reviewer's ledger showed re_123 settled twice)
        fixtureAt(NOW.toString())
                .given(placed("r1", 1, true, 1, 30), new RegistrationCancelled("series-20", "r1", "clin-1", d, null, 0), settled,
                        new com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutReversed("series-20", "r1", d.refundAmount(), "re_123", 1, "returned", NOW))
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.SETTLED, "re_123", null))
                .expectException(refusal("invalid-payout")).expectExceptionMessage(containsString("re_123 is the payout of this refund that was reversed"))
                .expectNoEvents();
        // ... whatever its case or surrounding spaces (the second reviewer's "re_he_1 " and "RE_RS22B_1" were settled)
        for (String same : new String[]{"re_123 ", " RE_123", "re_123\u00A0", "\u3000ｒｅ_123\u2060", "re_123\uFE0F", "re\u3164_123", "re_1\u180B23"}) {
            fixtureAt(NOW.toString())
                    .given(placed("r1", 1, true, 1, 30), new RegistrationCancelled("series-20", "r1", "clin-1", d, null, 0), settled,
                            new com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutReversed("series-20", "r1", d.refundAmount(), "re_123", 1, "returned", NOW))
                    .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.SETTLED, same, null))
                    .expectException(refusal("invalid-payout")).expectNoEvents();
        }
    }

    /**
     * Two screens drawn at the same state: the second's failure (a fresh reviewer's two ledger tabs) and a reversal of a
     * settlement its sender never saw are refused when they say what they saw; what matches is recorded.
     */
    @Test
    void anOutcomeSentOnTopOfOneItsSenderDidNotSeeIsRefused() {
        RefundDecision d = decision(CUTOFF, DUE_WITH_CE, Money.ZERO, null);
        var cancelled = new RegistrationCancelled("series-20", "r1", "clin-1", d, null, 0);
        var failed = new RefundPayoutFailed("series-20", "r1", d.refundAmount(), "account closed", 1, NOW);
        fixtureAt(NOW.toString()).given(placed("r1", 1, true, 1, 30), cancelled, failed)
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.FAILED, null, "account closed", 0))
                .expectException(refusal("payout-changed")).expectExceptionMessage(containsString("has 1 payout outcome recorded now (not settled), not the 0"))
                .expectNoEvents();
        fixtureAt(NOW.toString()).given(placed("r1", 1, true, 1, 30), cancelled, failed)
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.FAILED, null, "account closed", 1))
                .expectEvents(new RefundPayoutFailed("series-20", "r1", d.refundAmount(), "account closed", 2, NOW));
        // settled, reversed in one tab and settled again: the other tab's reversal (it saw the first settlement) is refused
        var settled = new RefundPayoutSettled("series-20", "r1", d.refundAmount(), "re_1", 1, NOW);
        var reversed = new com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutReversed("series-20", "r1", d.refundAmount(), "re_1", 1,
                "returned", NOW);
        var settledAgain = new RefundPayoutSettled("series-20", "r1", d.refundAmount(), "re_2", 2, NOW);
        fixtureAt(NOW.toString()).given(placed("r1", 1, true, 1, 30), cancelled, settled, reversed, settledAgain)
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.REVERSED, null, "returned", 1))
                .expectException(refusal("payout-changed")).expectNoEvents();
        // a count above every outcome ever recorded is the client's mistake, not another screen's: 422 naming the field
        // (a fresh reviewer's 99 was told "another screen or request recorded one meanwhile" on a refund with none)
        fixtureAt(NOW.toString()).given(placed("r1", 1, true, 1, 30), cancelled)
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.FAILED, null, "account closed", 99))
                .expectException(refusal("invalid-payout"))
                .expectExceptionMessage(containsString("payoutsSeen is 99, more than the 0 payout outcomes ever recorded"))
                .expectNoEvents();
        fixtureAt(NOW.toString()).given(placed("r1", 1, true, 1, 30), cancelled, failed)
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.FAILED, null, "account closed", 2))
                .expectException(refusal("invalid-payout")).expectNoEvents();
    }

    @Test
    void onlyASettledPayoutCanBeReversed() {
        RefundDecision d = decision(CUTOFF, DUE_WITH_CE, Money.ZERO, null);
        fixtureAt(NOW.toString())
                .given(placed("r1", 1, true, 1, 30), new RegistrationCancelled("series-20", "r1", "clin-1", d, null, 0))
                .when(new RecordRefundPayout("series-20", "r1", PayoutOutcome.REVERSED, null, "?"))
                .expectException(Refusal.class).expectExceptionMessage(containsString("nothing to reverse")).expectNoEvents();
    }
}
