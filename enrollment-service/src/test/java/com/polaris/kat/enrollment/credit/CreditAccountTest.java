package com.polaris.kat.enrollment.credit;

import com.polaris.kat.events.credit.CreditCommands.IssueCredit;
import com.polaris.kat.events.credit.CreditEvents.CreditIssued;
import com.polaris.kat.events.money.Money;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreditAccountTest {

    private AggregateTestFixture<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CreditAccount.class);
    }

    @Test
    void issueCreditOpensTheAccountWithTheBalance() {
        fixture.givenNoPriorActivity()
                .when(new IssueCredit("clin-1", "cancellation:r1", Money.ofCents(217_500), "series-20", "r1"))
                .expectEvents(new CreditIssued("clin-1", "cancellation:r1", Money.ofCents(217_500), "series-20", "r1", Money.ofCents(217_500)));
    }

    @Test
    void creditFromTheSameCancellationIsIssuedOnce() {
        fixture.given(new CreditIssued("clin-1", "cancellation:r1", Money.ofCents(217_500), "series-20", "r1", Money.ofCents(217_500)))
                .when(new IssueCredit("clin-1", "cancellation:r1", Money.ofCents(217_500), "series-20", "r1"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void creditFromAnotherCancellationAddsToTheBalance() {
        fixture.given(new CreditIssued("clin-1", "cancellation:r1", Money.ofCents(100), "series-19", "r1", Money.ofCents(100)))
                .when(new IssueCredit("clin-1", "cancellation:r2", Money.ofCents(250), "series-20", "r2"))
                .expectEvents(new CreditIssued("clin-1", "cancellation:r2", Money.ofCents(250), "series-20", "r2", Money.ofCents(350)));
    }
}
