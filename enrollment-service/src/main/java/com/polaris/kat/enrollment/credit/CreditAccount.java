package com.polaris.kat.enrollment.credit;

import com.polaris.kat.enrollment.rules.ReadableStreamAggregate;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.credit.CreditCommands.IssueCredit;
import com.polaris.kat.events.credit.CreditEvents.CreditApplied;
import com.polaris.kat.events.credit.CreditEvents.CreditIssued;
import com.polaris.kat.events.credit.CreditStreams;
import com.polaris.kat.events.money.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A clinician's credit for future trainings (stream {@code credit-<clinicianId>}): balance = issued - applied. Never paid out as cash.
 * Concurrent transfers are serialised on this stream, so the balance never goes below zero.
 */
@Aggregate(cache = "creditAccountCache")
public class CreditAccount extends ReadableStreamAggregate {

    /** The stream, {@code credit-<clinicianId>} ({@link CreditStreams}). */
    @AggregateIdentifier
    private String accountId;
    private String clinicianId;
    private Money balance = Money.ZERO;
    private final Set<String> issuedCreditIds = new HashSet<>();

    protected CreditAccount() {
    }

    /** Issues credit by command (a grant outside a cancellation, e.g. in tests); the rule is {@link #issue}. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(IssueCredit cmd) {
        issue(cmd.clinicianId(), cmd.creditId(), cmd.amount(), cmd.sourceSeriesId(), cmd.sourceRegistrationId(), cmd.issuedAt());
    }

    /**
     * Adds credit to the balance; a {@code creditId} issued before appends nothing (the same
     * cancellation never gives credit twice). Called by {@link ClinicianCredit} in a cancellation's
     * unit of work.
     *
     * @param amount more than zero, in cents
     * @throws Refusal invalid-credit (400)
     */
    public void issue(String clinicianId, String creditId, Money amount, String sourceSeriesId, String sourceRegistrationId,
                      java.time.Instant issuedAt) {
        if (issuedCreditIds.contains(creditId)) {
            return;
        }
        if (amount == null || !amount.isPositive()) {
            throw Refusal.invalid("invalid-credit", "Credit issued must be more than zero.");
        }
        apply(new CreditIssued(clinicianId, creditId, amount, sourceSeriesId, sourceRegistrationId, balance.plus(amount), issuedAt));
    }

    /** Issued minus applied, in cents; never below zero (product rules, "Credit and transfers"). */
    public Money balance() {
        return balance;
    }

    /** Spends credit on a registration; called by the transfer in the same unit of work as the registration. */
    public void spend(Money amount, String seriesId, String registrationId, java.time.Instant at) {
        if (!amount.isPositive()) {
            throw Refusal.conflict("nothing-to-pay", "Credit spent must be more than 0.00; nothing was changed.");
        }
        if (amount.compareTo(balance) > 0) {
            throw Refusal.conflict("insufficient-credit", "The credit balance is " + balance.toPlainString()
                    + ", less than the " + amount.toPlainString() + " asked for.");
        }
        apply(new CreditApplied(clinicianId, amount, seriesId, registrationId, balance.minus(amount), at));
    }

    @EventSourcingHandler
    void on(CreditIssued e) {
        accountId = CreditStreams.of(e.clinicianId());
        clinicianId = e.clinicianId();
        issuedCreditIds.add(e.creditId());
        balance = e.balanceAfter();
    }

    @EventSourcingHandler
    void on(CreditApplied e) {
        balance = e.balanceAfter();
    }
}
