package com.polaris.kat.enrollment.credit;

import com.polaris.kat.enrollment.rules.Aggregates;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.series.Series;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import com.polaris.kat.events.enrollment.RegistrationResult;
import com.polaris.kat.events.money.Money;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.BiFunction;

/**
 * A registration paid first with the clinician's credit (shared/product-rules "Credit and transfers"): the
 * credit applied is the balance up to the price due (cents), the rest is the payment; the registration and
 * the spending are in the caller's unit of work, so when the series refuses nothing is spent, and a repeat
 * (replayed) spends nothing again. Lock order: the series (loaded by the caller), then the credit account.
 * Used by the credit transfer and by accepting a waitlist offer with credit.
 */
@Component
public class CreditSpending {

    private final Repository<CreditAccount> accounts;

    /** @param creditAccountRepository Axon's repository of credit accounts */
    public CreditSpending(@Lazy Repository<CreditAccount> creditAccountRepository) {
        this.accounts = creditAccountRepository;
    }

    /**
     * @param series   the series, loaded (and locked) by the caller
     * @param request  the registration as asked for, its credit ignored (the credit applied is decided here)
     * @param register the series' decision: a plain registration, or one taking the seat an offer holds
     * @return the series' outcome
     * @throws Refusal no-credit (409) when the clinician has no credit, nothing-to-pay (409) when the series costs nothing with
     *                 the chosen CE option (0.00 due), and the series' refusals
     */
    public RegistrationResult register(Aggregate<Series> series, RegisterForSeries request, Instant now,
                                       BiFunction<Series, RegisterForSeries, RegistrationResult> register) {
        Aggregate<CreditAccount> account = Aggregates.loadOrRefuse(accounts, com.polaris.kat.events.credit.CreditStreams.of(request.clinicianId()),
                () -> Refusal.conflict("no-credit", "This clinician has no credit to apply."));
        Money balance = account.invoke(CreditAccount::balance);
        if (!balance.isPositive()) {
            throw Refusal.conflict("no-credit", "This clinician's credit balance is 0.00; there is no credit to apply.");
        }
        Money due = series.invoke(s -> s.priceDue(request.ceOption()));
        if (!due.isPositive()) {
            // credit pays a price; a series that costs nothing leaves nothing for it to pay (it had been refused as "no credit"),
            // once the series would take this clinician at all (closed, already registered: those refusals first)
            series.execute(s -> s.requireOpenTo(request.clinicianId(), now));
            int number = series.invoke(Series::seriesNumber);
            throw Refusal.conflict("nothing-to-pay", "Series " + number + " costs $0.00 " + (request.ceOption() ? "with" : "without")
                    + " the CE option, so there is nothing to pay with credit; the credit balance of $" + balance.toPlainString()
                    + " stays. Register for it without credit instead; nothing was changed.");
        }
        Money credit = balance.min(due);
        RegisterForSeries withCredit = new RegisterForSeries(request.seriesId(), request.registrationId(), request.clinicianId(),
                request.clinician(), request.ceOption(), request.payment(), credit, request.requestFingerprint());
        RegistrationResult result = series.invoke(s -> register.apply(s, withCredit));
        if (!result.replayed()) {
            account.execute(a -> a.spend(credit, request.seriesId(), request.registrationId(), now));
        }
        return result;
    }
}
