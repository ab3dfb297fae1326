package com.polaris.kat.enrollment.metrics;

import com.polaris.kat.events.credit.CreditEvents.CreditApplied;
import com.polaris.kat.events.credit.CreditEvents.CreditIssued;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistJoined;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferAccepted;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferDeclined;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferLapsed;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferMade;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Domain counters and amounts (US dollars, the base unit), counted once this instance's commands
 * have committed their events (metrics, not records: an instance's restart starts them at zero).
 * No tag names a clinician.
 * <p>
 * A plain subscriber of the event bus, not an event processor: it is handed each unit of work's events
 * as they are published and counts them after that unit of work commits (nothing for a rolled-back
 * command). A subscribing processor did the same with a batching unit of work and a handler lookup
 * per event (issue 12's profile: 3 % of a registration's request thread).
 * <ul>
 *   <li>{@code kat.registrations{ce.option}}, {@code kat.payments.amount} (usd): per {@code RegistrationPlaced}</li>
 *   <li>{@code kat.cancellations{rule}}, {@code kat.refunds.decided.amount{rule}} (usd): per {@code RegistrationCancelled}</li>
 *   <li>{@code kat.credit.issued.amount}, {@code kat.credit.applied.amount} (usd)</li>
 *   <li>{@code kat.waitlist.offers.made{cause}} (SEAT_RELEASED, CAPACITY_RAISED, OFFER_LAPSED, OFFER_DECLINED,
 *       PLACE_LEFT), {@code kat.waitlist.offers.accepted}, {@code kat.waitlist.offers.declined},
 *       {@code kat.waitlist.offers.lapsed{cause}} (WINDOW_ENDED, REGISTRATION_CLOSED), {@code kat.waitlist.joined}</li>
 * </ul>
 */
@Component
public class DomainMetrics {

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> amounts = new ConcurrentHashMap<>();

    /**
     * @param meters   the registry the meters are kept in
     * @param eventBus the service's event bus (the event store), subscribed to here
     */
    public DomainMetrics(MeterRegistry meters, EventBus eventBus) {
        this.meters = meters;
        eventBus.subscribe(this::published);
    }

    private void published(List<? extends EventMessage<?>> events) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(committed -> events.forEach(this::count));
        } else {
            events.forEach(this::count);
        }
    }

    /** Counts one committed event (events of other types are not counted). */
    void count(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof RegistrationPlaced e) {
            counter("kat.registrations", "ce.option", String.valueOf(e.ceOption())).increment();
            usd("kat.payments.amount", null, null).record(dollars(e.payment().amountPaid().cents()));
        } else if (payload instanceof RegistrationCancelled e) {
            counter("kat.cancellations", "rule", e.decision().rule()).increment();
            usd("kat.refunds.decided.amount", "rule", e.decision().rule()).record(dollars(e.decision().refundAmount().cents()));
        } else if (payload instanceof CreditIssued e) {
            usd("kat.credit.issued.amount", null, null).record(dollars(e.amount().cents()));
        } else if (payload instanceof CreditApplied e) {
            usd("kat.credit.applied.amount", null, null).record(dollars(e.amount().cents()));
        } else if (payload instanceof WaitlistOfferMade e) {
            counter("kat.waitlist.offers.made", "cause", e.cause()).increment();
        } else if (payload instanceof WaitlistOfferAccepted) {
            counter("kat.waitlist.offers.accepted", null, null).increment();
        } else if (payload instanceof WaitlistOfferDeclined) {
            counter("kat.waitlist.offers.declined", null, null).increment();
        } else if (payload instanceof WaitlistOfferLapsed e) {
            counter("kat.waitlist.offers.lapsed", "cause", e.cause()).increment();
        } else if (payload instanceof WaitlistJoined) {
            counter("kat.waitlist.joined", null, null).increment();
        }
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + '\t' + value,
                k -> tag == null ? meters.counter(name) : meters.counter(name, tag, value));
    }

    private DistributionSummary usd(String name, String tag, String value) {
        return amounts.computeIfAbsent(name + '\t' + value, k -> {
            DistributionSummary.Builder builder = DistributionSummary.builder(name).baseUnit("usd");
            return (tag == null ? builder : builder.tags(tag, value)).register(meters);
        });
    }

    private static double dollars(long cents) {
        return cents / 100.0;
    }
}
