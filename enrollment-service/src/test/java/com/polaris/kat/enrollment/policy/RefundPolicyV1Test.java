package com.polaris.kat.enrollment.policy;

import com.polaris.kat.events.enrollment.LateCancellationChoice;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.money.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefundPolicyV1Test {

    private final RefundPolicyV1 policy = new RefundPolicyV1();
    // Series 20 starts October 10, 2023 (PDT): cutoff is September 26, 09:00 PDT = 16:00 UTC.
    private static final LocalDate SERIES_20_START = LocalDate.parse("2023-10-10");
    private static final Instant CUTOFF = Instant.parse("2023-09-26T16:00:00Z");
    private static final Money PAID = Money.ofCents(217_500);   // $2100 + $75 CE option
    private static final Money FEE = Money.ofCents(6_338);      // what the processor charged

    @Test
    void theCutoffIs9amPacificFourteenCalendarDaysBeforeTheFirstClassDay() {
        assertThat(RefundPolicyV1.cutoff(SERIES_20_START)).isEqualTo(CUTOFF);
    }

    @Test
    void cancellingExactlyAtTheCutoffIsOnTime() {
        RefundDecision d = policy.decide(CUTOFF, SERIES_20_START, PAID, FEE, Money.ZERO, null);
        assertThat(d.onTime()).isTrue();
        assertThat(d.rule()).isEqualTo("ON_TIME_REFUND");
        assertThat(d.refundAmount()).isEqualTo(Money.ofCents(217_500 - 2_500 - 6_338));
        assertThat(d.creditIssued()).isEqualTo(Money.ZERO);
    }

    @Test
    void creditIsNotOfferedOnTimeAndARefundChoiceOnTimeIsTheOnTimeRefund() {
        assertThatThrownBy(() -> policy.decide(CUTOFF, SERIES_20_START, PAID, FEE, Money.ZERO, LateCancellationChoice.CREDIT))
                .isInstanceOf(RefundPolicy.ChoiceNotOffered.class).hasMessageContaining("credit is offered only after the cutoff")
                .hasMessageContaining("$2086.62 of the $2175.00 paid in cash");
        RefundDecision refund = policy.decide(CUTOFF, SERIES_20_START, PAID, FEE, Money.ZERO, LateCancellationChoice.REFUND);
        assertThat(refund.rule()).isEqualTo("ON_TIME_REFUND");
        // on time nothing was left to choose: the decision's choice is the late choice only (docs/decisions.md)
        assertThat(refund.onTime()).isTrue();
        assertThat(refund.choice()).isNull();
        assertThat(refund.refundAmount()).isEqualTo(Money.ofCents(217_500 - 2_500 - 6_338));
    }

    /**
     * The late choice's message gives this registration's figures: a seat paid wholly with credit gets no cash either way (a
     * fresh reviewer was told "50% of the amount paid" for a seat paid with $2,100.00 of credit; REFUND gave 0.00).
     */
    @Test
    void theLateChoiceMessageGivesTheFiguresOfThisRegistration() {
        java.time.Instant late = CUTOFF.plusSeconds(1);
        assertThatThrownBy(() -> policy.decide(late, SERIES_20_START, Money.ZERO, Money.ZERO, Money.ofCents(210_000), null))
                .isInstanceOf(RefundPolicy.LateChoiceRequired.class).hasMessageContaining("credit of everything paid ($2100.00)")
                .hasMessageContaining("($0.00 of the $0.00 paid in cash), with the $2100.00 paid in credit given back as credit");
        assertThatThrownBy(() -> policy.decide(late, SERIES_20_START, PAID, FEE, Money.ZERO, null))
                .hasMessageContaining("($999.12 of the $2175.00 paid in cash)").hasMessageNotContaining("paid in credit");
        RefundDecision asked = policy.decide(late, SERIES_20_START, PAID, FEE, Money.ZERO, LateCancellationChoice.REFUND);
        assertThat(asked.refundAmount()).as("the figure the message gave").isEqualTo(Money.ofCents(99_912));
    }

    @Test
    void oneSecondBeforeTheCutoffIsOnTime() {
        assertThat(policy.decide(CUTOFF.minusSeconds(1), SERIES_20_START, PAID, FEE, Money.ZERO, null).onTime()).isTrue();
    }

    @Test
    void oneSecondAfterTheCutoffIsLateAndNeedsAChoice() {
        assertThatThrownBy(() -> policy.decide(CUTOFF.plusSeconds(1), SERIES_20_START, PAID, FEE, Money.ZERO, null))
                .isInstanceOf(RefundPolicy.LateChoiceRequired.class)
                .hasMessageContaining("CREDIT").hasMessageContaining("REFUND");
    }

    @Test
    void lateWithCreditGivesCreditOfTheFullAmountPaidWithNothingDeducted() {
        RefundDecision d = policy.decide(CUTOFF.plusSeconds(1), SERIES_20_START, PAID, FEE, Money.ZERO, LateCancellationChoice.CREDIT);
        assertThat(d.rule()).isEqualTo("LATE_CREDIT");
        assertThat(d.creditIssued()).isEqualTo(PAID);
        assertThat(d.refundAmount()).isEqualTo(Money.ZERO);
        assertThat(d.adminFee()).isEqualTo(Money.ZERO);
    }

    @Test
    void lateWithRefundGivesHalfThePaidMinusAdminAndProcessingFees() {
        RefundDecision d = policy.decide(CUTOFF.plusSeconds(1), SERIES_20_START, PAID, FEE, Money.ZERO, LateCancellationChoice.REFUND);
        assertThat(d.rule()).isEqualTo("LATE_HALF_REFUND");
        assertThat(d.refundBase()).isEqualTo(Money.ofCents(108_750));
        assertThat(d.refundAmount()).isEqualTo(Money.ofCents(108_750 - 2_500 - 6_338));
    }

    @Test
    void halfOfAnOddNumberOfCentsRoundsUpInTheParticipantsFavour() {
        RefundDecision d = policy.decide(CUTOFF.plusSeconds(1), SERIES_20_START, Money.ofCents(210_001), Money.ofCents(100), Money.ZERO,
                LateCancellationChoice.REFUND);
        assertThat(d.refundBase()).isEqualTo(Money.ofCents(105_001));
        assertThat(d.refundAmount()).isEqualTo(Money.ofCents(105_001 - 2_500 - 100));
    }

    @Test
    void aRefundIsNeverBelowZeroWhenFeesExceedIt() {
        RefundDecision late = policy.decide(CUTOFF.plusSeconds(1), SERIES_20_START, Money.ofCents(4_000), Money.ofCents(300), Money.ZERO,
                LateCancellationChoice.REFUND);
        assertThat(late.refundAmount()).isEqualTo(Money.ZERO);
        RefundDecision onTime = policy.decide(CUTOFF, SERIES_20_START, Money.ofCents(2_000), Money.ofCents(90), Money.ZERO, null);
        assertThat(onTime.refundAmount()).isEqualTo(Money.ZERO);
        // what is kept of the fees is what was there: $20 of the $25 admin fee, nothing of the processing fee
        assertThat(onTime.adminFee()).isEqualTo(Money.ofCents(2_500));
        assertThat(onTime.adminFeeKept()).isEqualTo(Money.ofCents(2_000));
        assertThat(onTime.processingFeeKept()).isEqualTo(Money.ZERO);
        // the base $20.00 of a late half refund of $40: the admin fee takes it all
        assertThat(late.adminFeeKept()).isEqualTo(Money.ofCents(2_000));
        assertThat(late.processingFeeKept()).isEqualTo(Money.ZERO);
    }

    /**
     * Found by a fresh reviewer (2026-12-03): a registration paid wholly with credit, cancelled on time, answered adminFee
     * 25.00 while the ledger kept 0.00. The policy's fee stays in the decision (an input, product rules); what was kept of it
     * is $0, as the ledger says, and both are shown.
     */
    @Test
    void paidWhollyWithCreditNothingOfTheFeesIsKept() {
        RefundDecision d = policy.decide(CUTOFF, SERIES_20_START, Money.ZERO, Money.ZERO, Money.ofCents(210_000), null);
        assertThat(d.adminFee()).isEqualTo(Money.ofCents(2_500));
        assertThat(d.adminFeeKept()).isEqualTo(Money.ZERO);
        assertThat(d.processingFeeKept()).isEqualTo(Money.ZERO);
        assertThat(d.refundAmount()).isEqualTo(Money.ZERO);
        assertThat(d.creditIssued()).isEqualTo(Money.ofCents(210_000));
        RefundDecision paid = policy.decide(CUTOFF, SERIES_20_START, PAID, FEE, Money.ZERO, null);
        assertThat(paid.adminFeeKept()).isEqualTo(Money.ofCents(2_500));
        assertThat(paid.processingFeeKept()).isEqualTo(FEE);
        assertThat(paid.refundAmount()).isEqualTo(paid.cashPaid().minus(paid.adminFeeKept()).minus(paid.processingFeeKept()));
    }

    @Test
    void theCutoffStaysAt9amLocalAcrossADaylightSavingChange() {
        // First class day November 13, 2023 (PST, UTC-8); the cutoff, October 30, is still PDT (UTC-7).
        assertThat(RefundPolicyV1.cutoff(LocalDate.parse("2023-11-13"))).isEqualTo(Instant.parse("2023-10-30T16:00:00Z"));
        // First class day March 20, 2024 (PDT); the cutoff, March 6, is PST: 09:00 PST = 17:00 UTC.
        assertThat(RefundPolicyV1.cutoff(LocalDate.parse("2024-03-20"))).isEqualTo(Instant.parse("2024-03-06T17:00:00Z"));
    }

    @Test
    void creditPaidComesBackAsCreditWhateverTheTimingAndThePolicyAppliesToTheCashPartAlone() {
        Money credit = Money.ofCents(100_000);
        Money cash = Money.ofCents(117_500);
        RefundDecision onTime = policy.decide(CUTOFF, SERIES_20_START, cash, Money.ofCents(3_437), credit, null);
        assertThat(onTime.creditIssued()).isEqualTo(credit);
        assertThat(onTime.refundAmount()).isEqualTo(Money.ofCents(117_500 - 2_500 - 3_437));
        RefundDecision lateRefund = policy.decide(CUTOFF.plusSeconds(1), SERIES_20_START, cash, Money.ofCents(3_437), credit, LateCancellationChoice.REFUND);
        assertThat(lateRefund.creditIssued()).isEqualTo(credit);
        assertThat(lateRefund.refundAmount()).isEqualTo(Money.ofCents(58_750 - 2_500 - 3_437));
        RefundDecision lateCredit = policy.decide(CUTOFF.plusSeconds(1), SERIES_20_START, cash, Money.ofCents(3_437), credit, LateCancellationChoice.CREDIT);
        assertThat(lateCredit.creditIssued()).isEqualTo(Money.ofCents(217_500));
    }

    @Test
    void aDecisionCanBeRecomputedFromItsRecordAlone() {
        RefundDecision d = policy.decide(CUTOFF.plusSeconds(3600), SERIES_20_START, PAID, FEE, Money.ofCents(500), LateCancellationChoice.REFUND);
        LocalDate firstDay = d.earliestClassDayStart().atZone(com.polaris.kat.events.time.ProgramTime.ZONE).toLocalDate();
        RefundDecision again = RefundPolicy.forVersion(d.policyVersion())
                .decide(d.requestedAt(), firstDay, d.cashPaid(), d.processingFee(), d.creditPaid(), d.choice());
        assertThat(again).isEqualTo(d);
    }
}
