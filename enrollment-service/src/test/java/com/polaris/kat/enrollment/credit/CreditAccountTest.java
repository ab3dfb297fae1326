package com.polaris.kat.enrollment.credit;

import com.polaris.kat.events.credit.CreditCommands.IssueCredit;
import com.polaris.kat.events.credit.CreditEvents.CreditIssued;
import com.polaris.kat.events.money.Money;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreditAccountTest {

    private static final java.time.Instant AT = java.time.Instant.parse("2023-10-01T18:00:00Z");

    private AggregateTestFixture<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CreditAccount.class);
    }

    @Test
    void issueCreditOpensTheAccountWithTheBalance() {
        fixture.givenNoPriorActivity()
                .when(new IssueCredit("clin-1", "cancellation:r1", Money.ofCents(217_500), "series-20", "r1", AT))
                .expectEvents(new CreditIssued("clin-1", "cancellation:r1", Money.ofCents(217_500), "series-20", "r1", Money.ofCents(217_500), AT));
    }

    @Test
    void creditFromTheSameCancellationIsIssuedOnce() {
        fixture.given(new CreditIssued("clin-1", "cancellation:r1", Money.ofCents(217_500), "series-20", "r1", Money.ofCents(217_500), AT))
                .when(new IssueCredit("clin-1", "cancellation:r1", Money.ofCents(217_500), "series-20", "r1", AT))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void creditFromAnotherCancellationAddsToTheBalance() {
        fixture.given(new CreditIssued("clin-1", "cancellation:r1", Money.ofCents(100), "series-19", "r1", Money.ofCents(100), AT))
                .when(new IssueCredit("clin-1", "cancellation:r2", Money.ofCents(250), "series-20", "r2", AT))
                .expectEvents(new CreditIssued("clin-1", "cancellation:r2", Money.ofCents(250), "series-20", "r2", Money.ofCents(350), AT));
    }
}
