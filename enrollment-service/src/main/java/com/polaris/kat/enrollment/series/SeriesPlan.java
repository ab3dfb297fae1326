package com.polaris.kat.enrollment.series;

import com.polaris.kat.events.money.Money;

import com.polaris.kat.enrollment.catalog.ModuleCatalog;
import com.polaris.kat.enrollment.catalog.ModuleCatalog.ModuleDefinition;
import com.polaris.kat.enrollment.rules.ClassDayBounds;
import com.polaris.kat.enrollment.rules.LiveSessionSize;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.catalog.CatalogCommands.ClassDayPlan;
import com.polaris.kat.events.catalog.CatalogCommands.ScheduleSeries;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.ClassDayIds;
import com.polaris.kat.events.catalog.SeriesIds;
import com.polaris.kat.events.time.ProgramTime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What makes a series plan schedulable, as a pure function: number and id, capacity (rules/LiveSessionSize), prices
 * (cents, 0 or more), and class days (each a catalog module, once, dated 2000-2100 by
 * rules/ClassDayBounds, starting after {@code now}). Used by {@link Series} when it is scheduled.
 */
public final class SeriesPlan {

    private SeriesPlan() {
    }

    /**
     * The series' class days in start order, with each module's title and CE hours and the day's
     * UTC start and end (09:00-17:00 Pacific); each id is {@code <module>-<date>}, the id a first day there would
     * get, until classday/ClassDayPlaces#use gives the id of the day that runs the module on the date.
     *
     * @throws Refusal invalid-series-number, invalid-series-id, invalid-capacity, invalid-price, no-class-days,
     *                 invalid-class-day, invalid-date, unknown-module, duplicate-module, duplicate-date, class-day-in-past (all 422)
     */
    public static List<SeriesClassDay> classDays(ScheduleSeries cmd, ModuleCatalog modules, LiveSessionSize sessions, Instant now) {
        if (cmd.seriesNumber() < 1) {
            throw Refusal.invalidField("invalid-series-number", "seriesNumber", "The series number must be 1 or more.");
        }
        if (!SeriesIds.of(cmd.seriesNumber()).equals(cmd.seriesId())) {
            throw Refusal.invalidField("invalid-series-id", "seriesNumber", "Series " + cmd.seriesNumber() + " has the id " + SeriesIds.of(cmd.seriesNumber()) + ".");
        }
        sessions.checkCapacity(cmd.capacity());
        if (cmd.price() == null || cmd.price().isNegative()) {
            throw Refusal.invalidField("invalid-price", "priceCents", "The price must be given and be 0 or more.");
        }
        if (cmd.ceOptionPrice() == null || cmd.ceOptionPrice().isNegative()) {
            throw Refusal.invalidField("invalid-price", "ceOptionPriceCents", "The CE option price must be given and be 0 or more.");
        }
        if (cmd.classDays() == null || cmd.classDays().isEmpty()) {
            throw Refusal.invalidField("no-class-days", "classDays", "List the series' class days: a module code and a date for each.");
        }
        if (cmd.price().plus(cmd.ceOptionPrice()).cents() > Money.MAX_REQUEST_CENTS) {
            throw Refusal.invalid("invalid-price", "The price with the CE option must be at most $1,000,000.00 (" + Money.MAX_REQUEST_CENTS + " cents), the most a registration can pay.");
        }
        // each module read (and locked in the unit of work) in code order, whatever the request's order: two series
        // scheduled at once naming the same modules in other orders must not each hold one the other waits for
        java.util.Map<String, java.util.Optional<ModuleDefinition>> definitions = new java.util.HashMap<>();
        cmd.classDays().stream().filter(p -> p != null && p.moduleCode() != null).map(ClassDayPlan::moduleCode)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new))
                .forEach(code -> definitions.put(code, modules.find(code)));
        Set<String> modulesSeen = new HashSet<>();
        java.util.Map<java.time.LocalDate, String> datesSeen = new java.util.HashMap<>();
        List<SeriesClassDay> days = new ArrayList<>();
        for (int i = 0; i < cmd.classDays().size(); i++) {
            ClassDayPlan plan = cmd.classDays().get(i);
            String field = "classDays[" + i + "]";
            if (plan == null || plan.moduleCode() == null || plan.date() == null) {
                throw Refusal.invalidField("invalid-class-day", field, "Each class day needs a module code and a date (YYYY-MM-DD).");
            }
            ClassDayBounds.checkCatalogDate(plan.date(), "The " + plan.moduleCode() + " class day's date", field + ".date");
            ModuleDefinition module = definitions.get(plan.moduleCode()).orElseThrow(() -> Refusal.invalidField(
                    "unknown-module", field + ".module", "Module " + plan.moduleCode() + " is not defined; use one of the program's module codes (M1, M2, M3, M4, M5, PRACTICE)."));
            if (!modulesSeen.add(module.code())) {
                throw Refusal.invalidField("duplicate-module", field + ".module", "Module " + module.code() + " is listed twice; a series runs each module once.");
            }
            String sameDay = datesSeen.putIfAbsent(plan.date(), module.code());
            if (sameDay != null) {
                throw Refusal.invalidField("duplicate-date", field + ".date", "Modules " + sameDay + " and " + module.code() + " are both on " + plan.date()
                        + "; a class day runs one module, 09:00-17:00 Pacific (8 CE hours cannot be earned twice in one day).");
            }
            Instant startsAt = ProgramTime.startOf(plan.date());
            if (!startsAt.isAfter(now)) {
                throw Refusal.invalidField("class-day-in-past", field + ".date", "The " + module.code() + " class day on " + plan.date()
                        + " has already started; a new series needs class days in the future.");
            }
            days.add(new SeriesClassDay(ClassDayIds.of(module.code(), plan.date()), module.code(), module.title(),
                    plan.date(), startsAt, ProgramTime.endOf(plan.date()), module.ceHours()));
        }
        days.sort(Comparator.comparing(SeriesClassDay::startsAt));
        return List.copyOf(days);
    }
}
