package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.catalog.ModuleCatalog;
import com.polaris.kat.enrollment.catalog.ModuleCatalog.ModuleDefinition;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.catalog.CatalogCommands.ChangeSeriesCapacity;
import com.polaris.kat.events.catalog.CatalogCommands.ClassDayPlan;
import com.polaris.kat.events.catalog.CatalogCommands.RescheduleSeriesClassDay;
import com.polaris.kat.events.catalog.CatalogCommands.ScheduleSeries;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesCapacityChanged;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDayRescheduled;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.catalog.ClassDayIds;
import com.polaris.kat.events.catalog.SeriesIds;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A series (cohort): its class days, its seat capacity and price. Every rule about a series'
 * schedule and seats is decided here, so that one series' decisions are serialised on one stream.
 */
@Aggregate
public class Series {

    static final String REFUND_POLICY_VERSION = "v1";

    @AggregateIdentifier
    private String seriesId;
    private int seriesNumber;
    private int capacity;
    private Money price;
    private Money ceOptionPrice;
    private String refundPolicyVersion;
    private final Map<String, SeriesClassDay> classDays = new LinkedHashMap<>();
    private int seatsTaken;

    protected Series() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ScheduleSeries cmd, ModuleCatalog modules, Clock clock) {
        if (seriesId != null) {
            throw Refusal.conflict("series-exists", "Series " + cmd.seriesNumber()
                    + " is already scheduled; choose another series number.");
        }
        if (cmd.seriesNumber() < 1) {
            throw Refusal.invalid("invalid-series-number", "The series number must be 1 or more.");
        }
        if (!SeriesIds.of(cmd.seriesNumber()).equals(cmd.seriesId())) {
            throw Refusal.invalid("invalid-series-id", "Series " + cmd.seriesNumber() + " has the id " + SeriesIds.of(cmd.seriesNumber()) + ".");
        }
        if (cmd.capacity() < 1) {
            throw Refusal.invalid("invalid-capacity", "The seat capacity must be at least 1.");
        }
        if (cmd.price() == null || cmd.price().isNegative() || cmd.ceOptionPrice() == null || cmd.ceOptionPrice().isNegative()) {
            throw Refusal.invalid("invalid-price", "The price and the CE option price must be given and be 0 or more.");
        }
        if (cmd.classDays() == null || cmd.classDays().isEmpty()) {
            throw Refusal.invalid("no-class-days", "List the series' class days: a module code and a date for each.");
        }
        Instant now = clock.instant();
        Set<String> modulesSeen = new HashSet<>();
        List<SeriesClassDay> days = new ArrayList<>();
        for (ClassDayPlan plan : cmd.classDays()) {
            if (plan == null || plan.moduleCode() == null || plan.date() == null) {
                throw Refusal.invalid("invalid-class-day", "Each class day needs a module code and a date (YYYY-MM-DD).");
            }
            ModuleDefinition module = modules.find(plan.moduleCode()).orElseThrow(() -> Refusal.invalid(
                    "unknown-module", "Module " + plan.moduleCode() + " is not defined; use one of the program's module codes (M1, M2, M3, M4, M5, PRACTICE)."));
            if (!modulesSeen.add(module.code())) {
                throw Refusal.invalid("duplicate-module", "Module " + module.code() + " is listed twice; a series runs each module once.");
            }
            Instant startsAt = ProgramTime.startOf(plan.date());
            if (!startsAt.isAfter(now)) {
                throw Refusal.invalid("class-day-in-past", "The " + module.code() + " class day on " + plan.date()
                        + " has already started; a new series needs class days in the future.");
            }
            days.add(new SeriesClassDay(ClassDayIds.of(module.code(), plan.date()), module.code(), module.title(),
                    plan.date(), startsAt, ProgramTime.endOf(plan.date()), module.ceHours()));
        }
        days.sort(Comparator.comparing(SeriesClassDay::startsAt));
        apply(new SeriesScheduled(cmd.seriesId(), cmd.seriesNumber(), cmd.capacity(), cmd.price(),
                cmd.ceOptionPrice(), List.copyOf(days), REFUND_POLICY_VERSION));
    }

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

    @CommandHandler
    public void handle(RescheduleSeriesClassDay cmd) {
        SeriesClassDay day = classDays.get(cmd.classDayId());
        if (day == null) {
            throw Refusal.notFound("class-day-not-in-series", "Series " + seriesNumber + " does not use class day " + cmd.classDayId() + ".");
        }
        if (day.date().equals(cmd.newDate())) {
            return; // already applied (the registry may deliver a move twice)
        }
        apply(new SeriesClassDayRescheduled(seriesId, day.classDayId(), day.moduleCode(), day.date(), cmd.newDate(),
                ProgramTime.startOf(cmd.newDate()), ProgramTime.endOf(cmd.newDate()), cmd.reason()));
    }

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
}
