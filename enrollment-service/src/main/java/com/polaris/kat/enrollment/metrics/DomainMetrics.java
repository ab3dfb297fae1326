package com.polaris.kat.enrollment.metrics;

import com.polaris.kat.events.credit.CreditEvents.CreditApplied;
import com.polaris.kat.events.credit.CreditEvents.CreditIssued;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Domain counters and amounts (US dollars, the base unit), counted as this instance's commands
 * commit (a subscribing processor: metrics, not records). No tag names a clinician.
 */
@Component
@ProcessingGroup("domain-metrics")
public class DomainMetrics {

    private final MeterRegistry meters;

    public DomainMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    private io.micrometer.core.instrument.DistributionSummary usd(String name, String... tags) {
        return io.micrometer.core.instrument.DistributionSummary.builder(name).baseUnit("usd").tags(tags).register(meters);
    }

    private static double dollars(long cents) {
        return cents / 100.0;
    }

    @EventHandler
    void on(RegistrationPlaced e) {
        meters.counter("kat.registrations", "ce.option", String.valueOf(e.ceOption())).increment();
        usd("kat.payments.amount").record(dollars(e.payment().amountPaid().cents()));
    }

    @EventHandler
    void on(RegistrationCancelled e) {
        meters.counter("kat.cancellations", "rule", e.decision().rule()).increment();
        usd("kat.refunds.decided.amount", "rule", e.decision().rule()).record(dollars(e.decision().refundAmount().cents()));
    }

    @EventHandler
    void on(CreditIssued e) {
        usd("kat.credit.issued.amount").record(dollars(e.amount().cents()));
    }

    /** Waitlist offers made, by what freed the seat (SEAT_RELEASED, CAPACITY_RAISED, OFFER_LAPSED, OFFER_DECLINED, PLACE_LEFT). */
    @EventHandler
    void on(com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferMade e) {
        meters.counter("kat.waitlist.offers.made", "cause", e.cause()).increment();
    }

    @EventHandler
    void on(com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferAccepted e) {
        meters.counter("kat.waitlist.offers.accepted").increment();
    }

    @EventHandler
    void on(com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferDeclined e) {
        meters.counter("kat.waitlist.offers.declined").increment();
    }

    /** Lapsed offers, by cause (WINDOW_ENDED, REGISTRATION_CLOSED). */
    @EventHandler
    void on(com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferLapsed e) {
        meters.counter("kat.waitlist.offers.lapsed", "cause", e.cause()).increment();
    }

    @EventHandler
    void on(com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistJoined e) {
        meters.counter("kat.waitlist.joined").increment();
    }

    @EventHandler
    void on(CreditApplied e) {
        usd("kat.credit.applied.amount").record(dollars(e.amount().cents()));
    }
}
