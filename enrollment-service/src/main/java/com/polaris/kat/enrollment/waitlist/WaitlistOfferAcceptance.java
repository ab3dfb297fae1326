package com.polaris.kat.enrollment.waitlist;

import com.polaris.kat.enrollment.credit.CreditSpending;
import com.polaris.kat.enrollment.rules.Aggregates;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.series.RegistrationStreams;
import com.polaris.kat.enrollment.series.Series;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.enrollment.RegistrationResult;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.waitlist.WaitlistCommands.AcceptWaitlistOffer;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Accepting a waitlist offer (shared/product-rules "Waitlist": "accepting is a registration with payment
 * inside that window"): the series registers the clinician into the seat the offer holds, with the same
 * rules as a registration (price due, payment, idempotent repeat). With {@code useCredit} the clinician's
 * credit pays first, as in a credit transfer, and is spent in the same transaction (lock order: series,
 * then credit account); if the series refuses, nothing is spent.
 */
@Component
public class WaitlistOfferAcceptance {

    private final Repository<Series> series;
    private final CreditSpending credit;
    private final RegistrationStreams registrations;

    /** Axon's series repository and the credit's spending ({@link CreditSpending}); the registration's stream is started through {@code registrations}. */
    public WaitlistOfferAcceptance(Repository<Series> seriesRepository, CreditSpending credit, RegistrationStreams registrations) {
        this.series = seriesRepository;
        this.credit = credit;
        this.registrations = registrations;
    }

    /**
     * Accepts the offer: the registration (seat, its stream) and, with credit, the spending, in one transaction.
     *
     * @return the registration (status ACTIVE), or the first outcome of a repeat ({@code replayed})
     * @throws Refusal series-not-found, offer-not-found (404); no-credit, offer-not-open, offer-expired,
     *                 registration-closed, already-registered (409); offer-clinician-mismatch, payment-mismatch,
     *                 invalid-payment, idempotency-key-reused (422)
     */
    @CommandHandler
    public RegistrationResult handle(AcceptWaitlistOffer cmd, Clock clock) {
        Aggregate<Series> target = Aggregates.loadOrRefuse(series, cmd.seriesId(),
                () -> Refusal.notFound("series-not-found", "There is no " + com.polaris.kat.events.catalog.SeriesIds.named(cmd.seriesId()) + "."));
        Optional<RegistrationResult> repeat = target.invoke(s -> s.repeatOf(cmd.registrationId(), cmd.requestFingerprint()));
        if (repeat.isPresent()) {
            return repeat.get();
        }
        Instant now = clock.instant();
        Payment payment = cmd.payment() == null ? Payment.NONE : cmd.payment();
        if (!cmd.useCredit()) {
            RegisterForSeries registration = new RegisterForSeries(cmd.seriesId(), cmd.registrationId(), cmd.clinicianId(),
                    cmd.clinician(), cmd.ceOption(), payment, Money.ZERO, cmd.requestFingerprint());
            return target.invoke(s -> s.acceptOffer(cmd.offerId(), registration, now, registrations));
        }
        // credit first, as in a credit transfer (credit/CreditSpending)
        RegisterForSeries registration = new RegisterForSeries(cmd.seriesId(), cmd.registrationId(), cmd.clinicianId(),
                cmd.clinician(), cmd.ceOption(), payment, Money.ZERO, cmd.requestFingerprint());
        return credit.register(target, registration, now, (s, r) -> s.acceptOffer(cmd.offerId(), r, now, registrations));
    }
}
