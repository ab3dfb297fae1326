package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.money.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The payment-mismatch message names the amount the card must pay: the price due less the credit applied. */
class SeatPaymentTest {

    private static final Money SERIES = Money.ofCents(210_000);
    private static final Money CE = Money.ofCents(7_500);
    private static final Money DUE = SERIES.plus(CE);

    @Test
    void withCreditTheMessageGivesTheRemainderToPay() {
        Payment card = new Payment(Money.ofCents(50_000), "ch_1", Money.ofCents(1_500));
        assertThatThrownBy(() -> SeatPayment.check(card, Money.ofCents(100_000), DUE, SERIES, CE))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.type()).isEqualTo("payment-mismatch");
                    // the same figures as members, for a front end to read without parsing the message (cents)
                    assertThat(r.members()).containsExactly(java.util.Map.entry("priceDueCents", 217_500L),
                            java.util.Map.entry("creditAppliedCents", 100_000L), java.util.Map.entry("paymentDueCents", 117_500L));
                })
                .hasMessage("The price due is 2175.00 (series 2100.00 + CE option 75.00); with credit 1000.00 applied, "
                        + "the payment must be 1175.00, not 500.00.");
    }

    @Test
    void creditAboveThePriceNamesNoPaymentDue() {
        Payment card = new Payment(Money.ofCents(100), "ch_1", Money.ZERO);
        assertThatThrownBy(() -> SeatPayment.check(card, Money.ofCents(300_000), DUE, SERIES, CE))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.members()).containsOnlyKeys("priceDueCents", "creditAppliedCents"))
                .hasMessageContaining("is more than that");
    }

    @Test
    void withoutCreditTheMessageGivesTheWholePrice() {
        Payment card = new Payment(Money.ofCents(200_000), "ch_1", Money.ofCents(1_500));
        assertThatThrownBy(() -> SeatPayment.check(card, Money.ZERO, SERIES, SERIES, null))
                .hasMessage("The price due is 2100.00 (series 2100.00), so the payment must be 2100.00, not 2000.00.");
    }

    @Test
    void theRemainderTheMessageNamesIsAccepted() {
        Payment card = new Payment(Money.ofCents(117_500), "ch_1", Money.ofCents(1_500));
        assertThatCode(() -> SeatPayment.check(card, Money.ofCents(100_000), DUE, SERIES, CE)).doesNotThrowAnyException();
    }

    /** Nothing to pay names no charge: the reference would be on the registration and nowhere in the refund ledger (a fresh reviewer's). */
    @Test
    void nothingPaidNamesNoChargeReferenceButAnAmountShortOfThePriceIsSaidFirst() {
        assertThatThrownBy(() -> SeatPayment.check(new Payment(Money.ZERO, "ch_zero", Money.ZERO), DUE, DUE, SERIES, CE))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.type()).isEqualTo("invalid-payment");
                    assertThat(r.field()).isEqualTo("payment.chargeReference");
                })
                .hasMessageContaining("leave chargeReference out");
        assertThatCode(() -> SeatPayment.check(new Payment(Money.ZERO, null, Money.ZERO), DUE, DUE, SERIES, CE)).doesNotThrowAnyException();
        assertThatCode(() -> SeatPayment.check(new Payment(Money.ZERO, " ", Money.ZERO), DUE, DUE, SERIES, CE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> SeatPayment.check(new Payment(Money.ZERO, "ch_1", Money.ZERO), Money.ZERO, DUE, SERIES, CE))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.type()).isEqualTo("payment-mismatch"));
    }
}
