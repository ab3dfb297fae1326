package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.classday.ClassDayPlaces;

import com.polaris.kat.enrollment.catalog.ModuleCatalog;
import com.polaris.kat.enrollment.policy.RefundPolicyV1;
import com.polaris.kat.enrollment.rules.ClassDayBounds;
import com.polaris.kat.enrollment.rules.ReadableStreamAggregate;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.catalog.CatalogCommands.ChangeSeriesCapacity;
import com.polaris.kat.events.catalog.CatalogCommands.RescheduleSeriesClassDay;
import com.polaris.kat.events.catalog.CatalogCommands.ScheduleSeries;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesCapacityChanged;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDayRescheduled;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.EnrollmentEvents.SeatReleased;
import com.polaris.kat.events.enrollment.EnrollmentEvents.SeatTaken;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.enrollment.RegistrationResult;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A series (cohort) as seat capacity needs it: its class days (and their moves), its capacity, the
 * seats taken and released, which clinicians hold an active seat, and each registration id's
 * request fingerprint (so a repeated registration returns its first outcome). Its stream holds
 * only schedule and seat events; the life of a registration after the sale is on the
 * registration's own stream ({@code registration/Registration}). Two service instances can never
 * both sell the last seat: the second append hits the store's unique (aggregate, sequence) index,
 * is retried (config/ConflictRetryScheduler) and re-decides on the new state.
 */
@Aggregate(cache = "seriesCache")
public class Series extends ReadableStreamAggregate {

    @AggregateIdentifier
    private String seriesId;
    private int seriesNumber;
    private int capacity;
    private Money price;
    private Money ceOptionPrice;
    private String refundPolicyVersion;
    private final Map<String, SeriesClassDay> classDays = new LinkedHashMap<>();
    private final Map<String, Seat> seats = new HashMap<>();
    private final Set<String> activeClinicians = new HashSet<>();
    private int seatsTaken;

    /** For Axon (sourcing from the stream). */
    protected Series() {
    }

    // ---------------------------------------------------------------- schedule

    /**
     * Schedules the series: its class days (one per catalog module, all in the future, dates
     * 2000-2100 per rules/ClassDayBounds), capacity and prices in cents, under the current refund policy;
     * its class days are created or joined in the same transaction (classday/ClassDayPlaces#use).
     *
     * @throws Refusal series-exists, class-day-module-mismatch (409); invalid-series-number, invalid-series-id, invalid-capacity,
     *                 invalid-price, no-class-days, invalid-class-day, unknown-module, duplicate-module,
     *                 class-day-in-past, invalid-date (422)
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ScheduleSeries cmd, ModuleCatalog modules, Clock clock, ClassDayPlaces classDayPlaces) {
        if (seriesId != null) {
            throw Refusal.conflict("series-exists", "Series " + cmd.seriesNumber()
                    + " is already scheduled; choose another series number.");
        }
        List<SeriesClassDay> days = SeriesPlan.classDays(cmd, modules, clock.instant());
        apply(new SeriesScheduled(cmd.seriesId(), cmd.seriesNumber(), cmd.capacity(), cmd.price(),
                cmd.ceOptionPrice(), days, RefundPolicyV1.VERSION));
        classDayPlaces.use(days, cmd.seriesId());
    }

    /**
     * Changes the seat capacity (a no-op when unchanged).
     *
     * @throws Refusal invalid-capacity (422), capacity-below-seats-taken (409)
     */
    @CommandHandler
    public void handle(ChangeSeriesCapacity cmd) {
        if (cmd.capacity() < 1) {
            throw Refusal.invalid("invalid-capacity", "The seat capacity must be at least 1.");
        }
        if (cmd.capacity() < seatsTaken) {
            throw Refusal.conflict("capacity-below-seats-taken", "Series " + seriesNumber + " already has "
                    + seatsTaken + " seats taken; the capacity cannot go below that.");
        }
        if (cmd.capacity() == capacity) {
            return;
        }
        apply(new SeriesCapacityChanged(seriesId, capacity, cmd.capacity(), seatsTaken, cmd.reason()));
    }

    /**
     * Moves one of the series' class days (sent by classday/ClassDayRegistry; a repeat is a no-op).
     * The cutoff and the registration deadline follow the first day as it stands.
     *
     * @throws Refusal class-day-not-in-series (404), invalid-date (422)
     */
    @CommandHandler
    public void handle(RescheduleSeriesClassDay cmd) {
        SeriesClassDay day = classDays.get(cmd.classDayId());
        if (day == null) {
            throw Refusal.notFound("class-day-not-in-series", "Series " + seriesNumber + " does not use class day " + cmd.classDayId() + ".");
        }
        ClassDayBounds.checkCatalogDate(cmd.newDate(), "Class day " + cmd.classDayId() + "'s new date");
        if (day.date().equals(cmd.newDate())) {
            return; // already applied (the registry may deliver a move twice)
        }
        apply(new SeriesClassDayRescheduled(seriesId, day.classDayId(), day.moduleCode(), day.date(), cmd.newDate(),
                ProgramTime.startOf(cmd.newDate()), ProgramTime.endOf(cmd.newDate()), cmd.reason()));
    }

    // ---------------------------------------------------------------- seats

    /**
     * Sells a seat and starts the registration's own stream, in this command's unit of work (one
     * database transaction): {@link SeatTaken} here, {@code RegistrationPlaced} on the registration.
     *
     * @return the outcome; for a repeat of the same request, the first outcome with {@code replayed}
     * @throws Refusal registration-closed, already-registered, sold-out (409); payment-mismatch,
     *                 invalid-payment, idempotency-key-reused (422)
     */
    @CommandHandler
    public RegistrationResult handle(RegisterForSeries cmd, Clock clock, RegistrationStreams registrations, SoldOutSeries soldOut) {
        return register(cmd, clock.instant(), registrations, soldOut);
    }

    /** Also used by the credit transfer, in the same unit of work as spending the credit. */
    public RegistrationResult register(RegisterForSeries cmd, Instant now, RegistrationStreams registrations) {
        return register(cmd, now, registrations, null);
    }

    /** @param soldOut where a sold-out refusal is remembered for the next request's shortcut (null: nowhere) */
    private RegistrationResult register(RegisterForSeries cmd, Instant now, RegistrationStreams registrations, SoldOutSeries soldOut) {
        Optional<RegistrationResult> repeat = repeatOf(cmd.registrationId(), cmd.requestFingerprint());
        if (repeat.isPresent()) {
            return repeat.get();
        }
        if (!now.isBefore(schedule().firstDay().startsAt())) {
            throw Refusal.conflict("registration-closed", "Registration for Series " + seriesNumber + " closed when its first class day started ("
                    + schedule().firstDay().startsAt() + "); choose a future series.");
        }
        if (activeClinicians.contains(cmd.clinicianId())) {
            throw Refusal.conflict("already-registered", "This clinician already holds a registration in Series " + seriesNumber + ".");
        }
        if (seatsTaken >= capacity) {
            String message = "Series " + seriesNumber + " is sold out (" + capacity + " seats); choose another series.";
            if (soldOut != null) {
                soldOut.remember(seriesId, new SoldOutSeries.Decision(AggregateLifecycle.getVersion(), Set.copyOf(seats.keySet()),
                        Set.copyOf(activeClinicians), schedule().firstDay().startsAt(), message));
            }
            throw Refusal.conflict("sold-out", message);
        }
        Money due = priceDue(cmd.ceOption());
        Payment payment = cmd.payment() == null ? Payment.NONE : cmd.payment();
        Money credit = cmd.creditApplied() == null ? Money.ZERO : cmd.creditApplied();
        SeatPayment.check(payment, credit, due, price, cmd.ceOption() ? ceOptionPrice : null);
        int after = seatsTaken + 1;
        apply(new SeatTaken(seriesId, cmd.registrationId(), cmd.clinicianId(), cmd.requestFingerprint(), after, capacity, now));
        registrations.start(new RegistrationPlaced(seriesId, cmd.registrationId(), cmd.clinicianId(),
                registrations.seal(cmd.clinicianId(), cmd.registrationId(), cmd.clinician(), now), cmd.ceOption(),
                price, ceOptionPrice, due, payment, credit, refundPolicyVersion, now, after, capacity,
                cmd.requestFingerprint()));
        return new RegistrationResult(seriesId, cmd.registrationId(), cmd.clinicianId(), "ACTIVE", false);
    }

    /**
     * The first outcome when this registration id was already used for the same request; a refusal
     * (422 idempotency-key-reused) when it was used for a different one; empty when it is new.
     */
    public Optional<RegistrationResult> repeatOf(String registrationId, String requestFingerprint) {
        Seat existing = seats.get(registrationId);
        if (existing == null) {
            return Optional.empty();
        }
        if (!existing.requestFingerprint().equals(requestFingerprint)) {
            throw Refusal.invalid("idempotency-key-reused", "Registration " + registrationId
                    + " was already made with different details; use a new registration id or Idempotency-Key for a new request.");
        }
        return Optional.of(new RegistrationResult(seriesId, registrationId, existing.clinicianId(),
                existing.released() ? "CANCELLED" : "ACTIVE", true));
    }

    /**
     * Frees the seat of a registration being cancelled; called by the registration's cancellation in
     * the same unit of work, so the seat and the refund decision are appended in one transaction.
     *
     * @return the seats taken after the release
     * @throws Refusal registration-not-found (404) when the seat was not sold here, already-cancelled (409)
     */
    public int releaseSeat(String registrationId, Instant now) {
        Seat seat = seats.get(registrationId);
        if (seat == null) {
            throw Refusal.notFound("registration-not-found", "Series " + seriesNumber + " has no registration " + registrationId + ".");
        }
        if (seat.released()) {
            throw Refusal.conflict("already-cancelled", "Registration " + registrationId + " is already cancelled.");
        }
        int after = seatsTaken - 1;
        apply(new SeatReleased(seriesId, registrationId, seat.clinicianId(), after, capacity, now));
        return after;
    }

    /** The price in cents the registration owes: the series price, plus the CE option's when taken. */
    public Money priceDue(boolean ceOption) {
        return ceOption ? price.plus(ceOptionPrice) : price;
    }

    /** The series' class days as they stand now (moves applied), for the decisions taken on a registration's stream. */
    public SeriesSchedule schedule() {
        return new SeriesSchedule(seriesId, seriesNumber, List.copyOf(classDays.values()));
    }

    /** Seats the series has (at least 1). */
    public int capacity() {
        return capacity;
    }

    /** Seats sold and not released. */
    public int seatsTaken() {
        return seatsTaken;
    }

    /** The active registrations by clinician id: who holds a seat now (clinician id to registration id). */
    public Map<String, String> activeRegistrationsByClinician() {
        Map<String, String> out = new HashMap<>();
        seats.forEach((registrationId, seat) -> {
            if (!seat.released()) {
                out.put(seat.clinicianId(), registrationId);
            }
        });
        return out;
    }

    /** A seat as the series knows it: enough to refuse a second one and to answer a repeat. */
    private record Seat(String clinicianId, String requestFingerprint, boolean released) {
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(SeriesScheduled e) {
        seriesId = e.seriesId();
        seriesNumber = e.seriesNumber();
        capacity = e.capacity();
        price = e.price();
        ceOptionPrice = e.ceOptionPrice();
        refundPolicyVersion = e.refundPolicyVersion();
        e.classDays().forEach(d -> classDays.put(d.classDayId(), d));
    }

    @EventSourcingHandler
    void on(SeriesCapacityChanged e) {
        capacity = e.toCapacity();
    }

    @EventSourcingHandler
    void on(SeriesClassDayRescheduled e) {
        SeriesClassDay d = classDays.get(e.classDayId());
        classDays.put(d.classDayId(), new SeriesClassDay(d.classDayId(), d.moduleCode(), d.moduleTitle(), e.toDate(),
                e.startsAt(), e.endsAt(), d.ceHours()));
    }

    @EventSourcingHandler
    void on(SeatTaken e) {
        seats.put(e.registrationId(), new Seat(e.clinicianId(), e.requestFingerprint(), false));
        activeClinicians.add(e.clinicianId());
        seatsTaken = e.seatsTakenAfter();
    }

    @EventSourcingHandler
    void on(SeatReleased e) {
        Seat s = seats.get(e.registrationId());
        seats.put(e.registrationId(), new Seat(s.clinicianId(), s.requestFingerprint(), true));
        activeClinicians.remove(e.clinicianId());
        seatsTaken = e.seatsTakenAfter();
    }
}
