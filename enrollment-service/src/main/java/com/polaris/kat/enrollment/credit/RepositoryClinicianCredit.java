package com.polaris.kat.enrollment.credit;

import com.polaris.kat.events.money.Money;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * {@link ClinicianCredit} through Axon's credit account repository: the account is loaded (or
 * started) and locked in the current command's unit of work, so the credit is appended in the same
 * transaction as the cancellation that gives it; a concurrent transfer on another instance
 * conflicts on the account's (aggregate, sequence) index and is retried.
 */
@Component
public class RepositoryClinicianCredit implements ClinicianCredit {

    private final Repository<CreditAccount> accounts;

    /** @param creditAccountRepository Axon's event-sourcing repository of {@link CreditAccount} */
    public RepositoryClinicianCredit(@Lazy Repository<CreditAccount> creditAccountRepository) {
        this.accounts = creditAccountRepository;
    }

    @Override
    public void issue(String clinicianId, String creditId, Money amount, String sourceSeriesId, String sourceRegistrationId, Instant at) {
        try {
            accounts.loadOrCreate(com.polaris.kat.events.credit.CreditStreams.of(clinicianId), CreditAccount::new)
                    .execute(a -> a.issue(clinicianId, creditId, amount, sourceSeriesId, sourceRegistrationId, at));
        } catch (Exception e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }
}
