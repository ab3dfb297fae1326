package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.enrollment.RegistrationResult;
import com.polaris.kat.events.money.Money;
import org.junit.jupiter.api.Test;

import static com.polaris.kat.enrollment.series.SeriesTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** The seat rules of the series' stream: capacity, one active seat per clinician, closing at the first class day, idempotent repeats. */
class SeriesRegistrationTest {

    @Test
    void registerForSeriesTakesASeatAndStartsTheRegistrationWithThePriceDueAndThePayment() {
        StartedRegistrations started = new StartedRegistrations();
        fixtureAt("2023-08-15T18:00:00Z", started).given(series20(30))
                .when(register("r1", 1, true))
                .expectEvents(taken("r1", 1, 1, 30))
                .expectResultMessagePayload(new RegistrationResult("series-20", "r1", "clin-1", "ACTIVE", false));
        assertThat(started.started).containsExactly(placed("r1", 1, true, 1, 30));
        // one place per live session: the seat holds every class day of the series for the clinician
        assertThat(started.classDaysHeld).containsOnlyKeys("r1");
        assertThat(started.classDaysHeld.get("r1")).containsExactlyInAnyOrderElementsOf(
                schedule20().days().stream().map(com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay::classDayId).toList()).hasSize(6);
    }

    @Test
    void aRefusedSaleStartsNoRegistration() {
        StartedRegistrations started = new StartedRegistrations();
        fixtureAt("2023-08-15T18:00:00Z", started).given(series20(1), taken("r1", 1, 1, 1))
                .when(register("r2", 2, false))
                .expectException(Refusal.class).expectNoEvents();
        assertThat(started.started).isEmpty();
    }

    @Test
    void theRepeatOfACancelledRegistrationAnswersCancelled() {
        fixtureAt("2023-08-15T18:00:00Z").given(series20(30), taken("r1", 1, 1, 30), released("r1", 1, 0, 30, REGISTERED_AT))
                .when(register("r1", 1, true))
                .expectNoEvents()
                .expectResultMessagePayload(new RegistrationResult("series-20", "r1", "clin-1", "CANCELLED", true));
    }

    @Test
    void aFullSeriesIsSoldOut() {
        fixtureAt("2023-08-15T18:00:00Z").given(series20(2), taken("r1", 1, 1, 2), taken("r2", 2, 2, 2))
                .when(register("r3", 3, false))
                .expectException(Refusal.class).expectExceptionMessage(containsString("sold out")).expectNoEvents();
    }

    @Test
    void aCancelledSeatCanBeSoldAgain() {
        fixtureAt("2023-08-15T18:00:00Z").given(series20(1), taken("r1", 1, 1, 1), released("r1", 1, 0, 1, REGISTERED_AT))
                .when(register("r2", 2, false))
                .expectEvents(taken("r2", 2, 1, 1));
    }

    @Test
    void aClinicianHoldsAtMostOneActiveRegistrationInASeries() {
        fixtureAt("2023-08-15T18:00:00Z").given(series20(30), taken("r1", 1, 1, 30))
                .when(register("r2", 1, true))
                .expectException(Refusal.class).expectExceptionMessage(containsString("already holds")).expectNoEvents();
    }

    @Test
    void registrationClosesWhenTheFirstClassDayStarts() {
        // October 10, 2023, 09:00 PDT = 16:00 UTC.
        fixtureAt("2023-10-10T16:00:00Z").given(series20(30))
                .when(register("r1", 1, false))
                .expectException(Refusal.class).expectExceptionMessage(containsString("closed")).expectNoEvents();
        fixtureAt("2023-10-10T15:59:59Z").given(series20(30))
                .when(register("r1", 1, false))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void theSameRequestAgainReturnsTheFirstOutcomeAndTakesNoSecondSeat() {
        fixtureAt("2023-08-15T18:00:00Z").given(series20(30), taken("r1", 1, 1, 30))
                .when(register("r1", 1, true))
                .expectNoEvents()
                .expectResultMessagePayload(new RegistrationResult("series-20", "r1", "clin-1", "ACTIVE", true));
    }

    @Test
    void theSameRegistrationIdWithDifferentContentIsRefused() {
        RegisterForSeries different = new RegisterForSeries("series-20", "r1", "clin-2", clinician(2), false,
                cardPayment(PRICE), Money.ZERO, "fp-other");
        fixtureAt("2023-08-15T18:00:00Z").given(series20(30), taken("r1", 1, 1, 30))
                .when(different)
                .expectException(Refusal.class).expectExceptionMessage(containsString("different details")).expectNoEvents();
    }

    @Test
    void thePaymentMustMatchThePriceDue() {
        RegisterForSeries underpaid = new RegisterForSeries("series-20", "r1", "clin-1", clinician(1), true,
                cardPayment(PRICE), Money.ZERO, "fp-r1");
        fixtureAt("2023-08-15T18:00:00Z").given(series20(30))
                .when(underpaid)
                .expectException(Refusal.class).expectExceptionMessage(containsString("price due is 2175.00")).expectNoEvents();
    }

    @Test
    void aPaymentNeedsTheProcessorsChargeReference() {
        RegisterForSeries noReference = new RegisterForSeries("series-20", "r1", "clin-1", clinician(1), false,
                new Payment(PRICE, " ", FEE), Money.ZERO, "fp-r1");
        fixtureAt("2023-08-15T18:00:00Z").given(series20(30))
                .when(noReference)
                .expectException(Refusal.class).expectExceptionMessage(containsString("charge reference")).expectNoEvents();
    }

    @Test
    void aProcessingFeeCannotExceedTheAmountPaid() {
        RegisterForSeries feeTooBig = new RegisterForSeries("series-20", "r1", "clin-1", clinician(1), false,
                new Payment(PRICE, "ch_1", PRICE.plus(Money.ofCents(1))), Money.ZERO, "fp-r1");
        fixtureAt("2023-08-15T18:00:00Z").given(series20(30))
                .when(feeTooBig)
                .expectException(Refusal.class).expectNoEvents();
    }

    @Test
    void capacityCannotGoBelowSeatsTaken() {
        fixtureAt("2023-08-15T18:00:00Z").given(series20(3), taken("r1", 1, 1, 3), taken("r2", 2, 2, 3))
                .when(new com.polaris.kat.events.catalog.CatalogCommands.ChangeSeriesCapacity("series-20", 1, "smaller room"))
                .expectException(Refusal.class).expectExceptionMessage(containsString("2 seats taken")).expectNoEvents();
    }
}
