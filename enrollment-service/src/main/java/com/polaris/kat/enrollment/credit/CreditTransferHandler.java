package com.polaris.kat.enrollment.credit;

import com.polaris.kat.enrollment.rules.Aggregates;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.series.RegistrationStreams;
import com.polaris.kat.enrollment.series.Series;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import com.polaris.kat.events.enrollment.EnrollmentCommands.TransferCreditToSeries;
import com.polaris.kat.events.enrollment.RegistrationResult;
import com.polaris.kat.events.money.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Applies a clinician's credit to a registration in a future series. The registration and the
 * spending are one unit of work, one database transaction: when the series refuses (sold out,
 * closed, already registered) nothing is spent.
 */
@Component
public class CreditTransferHandler {

    private final CreditSpending credit;
    private final Repository<Series> series;
    private final RegistrationStreams registrations;

    /** The credit's spending ({@link CreditSpending}) and Axon's series repository; the registration's stream is started through {@code registrations}. */
    public CreditTransferHandler(CreditSpending credit, Repository<Series> seriesRepository, RegistrationStreams registrations) {
        this.credit = credit;
        this.series = seriesRepository;
        this.registrations = registrations;
    }

    /**
     * Registers with the clinician's credit (up to the price due, in cents) and the card payment for
     * the rest: the seat (series stream), the registration's start (its own stream) and the spending
     * (credit account stream) in one transaction.
     *
     * @throws com.polaris.kat.enrollment.rules.Refusal series-not-found (404), no-credit (409), and the series' refusals
     */
    @CommandHandler
    public RegistrationResult handle(TransferCreditToSeries cmd, Clock clock) {
        Aggregate<Series> target = Aggregates.loadOrRefuse(series, cmd.seriesId(),
                () -> Refusal.notFound("series-not-found", "There is no " + com.polaris.kat.events.catalog.SeriesIds.named(cmd.seriesId()) + "."));
        // A repeat of a transfer already made answers with its first outcome, though the credit is spent by now.
        java.util.Optional<RegistrationResult> repeat = target.invoke(s -> s.repeatOf(cmd.registrationId(), cmd.requestFingerprint()));
        if (repeat.isPresent()) {
            return repeat.get();
        }
        RegisterForSeries registration = new RegisterForSeries(cmd.seriesId(), cmd.registrationId(), cmd.clinicianId(),
                cmd.clinician(), cmd.ceOption(), cmd.payment(), Money.ZERO, cmd.requestFingerprint());
        java.time.Instant now = clock.instant();
        return credit.register(target, registration, now, (s, r) -> s.register(r, now, registrations));
    }
}
