package com.polaris.kat.enrollment.classday;

import com.polaris.kat.enrollment.rules.ReadableStreamAggregate;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDaySlotTaken;
import com.polaris.kat.events.catalog.ClassDayIds;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A date slot: one class day a date of its owner, a module or a series.
 * <ul>
 *   <li>A module's slot, stream {@code <module>@<date>} (e.g. {@code M1@2030-03-04}): the one live session a module has
 *       on a date (product rules: a class day teaches one module 09:00-17:00 Pacific, and its room holds at most one
 *       live session). Every class day that comes to run on the date takes it (scheduled there, or moved there).</li>
 *   <li>A series' slot, stream {@code <seriesId>@<date>}: the series' one class day that date (a series runs one module a
 *       day: 8 CE hours cannot be earned twice in one day). A day of the series that moves to the date takes it (a
 *       scheduling checks its own dates, {@code SeriesPlan}).</li>
 * </ul>
 * Each taker appends to the slot's stream in its own unit of work, so two writers that would both put a day there append
 * at the same sequence number and one of them is retried, on one instance or several.
 * <p>
 * The slot's day is its last taker while that day still runs on the date; a day that moves away leaves the slot by
 * its own {@code ClassDayMoved} (freeing it here would take this stream's lock while the moving day holds its own,
 * the reverse of scheduling's order: slot, then day). A class day keeps its id when it moves, so the slot, not the
 * id, says which day runs a module on a date.
 */
@Aggregate(cache = "classDaySlotCache")
public class ClassDaySlot extends ReadableStreamAggregate {

    @AggregateIdentifier
    private String slotId;
    private String moduleCode;
    /** The series whose slot this is; null for a module's slot. */
    private String seriesId;
    private LocalDate date;
    private String lastTaker;
    private int daysScheduledHere;

    /** For Axon (sourcing from the stream). */
    protected ClassDaySlot() {
    }

    /** A slot's first taker, scheduled or moved there ({@code movedFrom} null when scheduled); {@code seriesId} null for a module's slot. */
    ClassDaySlot(String moduleCode, String seriesId, LocalDate date, String classDayId, LocalDate movedFrom) {
        apply(new ClassDaySlotTaken(seriesId == null ? idOf(moduleCode, date) : idOfSeries(seriesId, date), moduleCode, seriesId, date,
                classDayId, movedFrom));
    }

    /** A series' slot's stream id: {@code <seriesId>@<date>}. */
    public static String idOfSeries(String seriesId, LocalDate date) {
        return seriesId + "@" + date;
    }

    /** The slot's stream id: {@code <module>@<date>} (never a class day id, which has a hyphen before the date). */
    public static String idOf(String moduleCode, LocalDate date) {
        return moduleCode + "@" + date;
    }

    /**
     * The id a day newly scheduled on a slot gets: {@code <module>-<date>} for the first one scheduled there,
     * {@code <module>-<date>-<n>} for the n-th (the first was moved away, and its id stays with it).
     */
    static String newDayId(String moduleCode, LocalDate date, int scheduledBefore) {
        return ClassDayIds.of(moduleCode, date) + (scheduledBefore == 0 ? "" : "-" + (scheduledBefore + 1));
    }

    /** How many class days were newly scheduled here (each took the slot then; moved-in days are not counted). */
    int daysScheduledHere() {
        return daysScheduledHere;
    }

    /**
     * The class day running the module on this date: the last taker, if it still runs on it.
     *
     * @param dates each day's current date, from its own stream
     */
    Optional<String> runningDay(ClassDayDates dates) {
        if (lastTaker == null) {
            return Optional.empty();
        }
        return dates.currentDate(lastTaker).filter(date::equals).map(d -> lastTaker);
    }

    /** A day newly scheduled here takes the module's slot (the caller found it free, {@link #runningDay}, under this slot's lock). */
    void takeForNewDay(String classDayId) {
        apply(new ClassDaySlotTaken(slotId, moduleCode, null, date, classDayId, null));
    }

    /**
     * A day moving here from {@code from} takes the slot.
     *
     * @throws Refusal class-day-exists (409) when another day runs the module on this date (a module's slot);
     *                 duplicate-date (422, field newDate) when another day of the series runs on it (a series' slot)
     */
    void takeForMove(String classDayId, String classDayModule, LocalDate from, ClassDayDates dates) {
        Optional<String> running = runningDay(dates).filter(d -> !d.equals(classDayId));
        if (running.isPresent()) {
            throw seriesId == null ? moduleTaken(running.get(), classDayId, moduleCode, date) : seriesTaken(seriesId, running.get(), date);
        }
        apply(new ClassDaySlotTaken(slotId, seriesId == null ? moduleCode : classDayModule, seriesId, date, classDayId, from));
    }

    /** class-day-exists (409): {@code running} runs the module on the date {@code movingDay} would move to. */
    static Refusal moduleTaken(String running, String movingDay, String moduleCode, LocalDate date) {
        return Refusal.conflict("class-day-exists", "Class day " + running + " already runs " + moduleCode + " on " + date
                + "; one live session per module a day: moving " + movingDay + " there would make two. Choose another date.");
    }

    /** duplicate-date (422, field newDate): the series already runs {@code running} on the date. */
    static Refusal seriesTaken(String seriesId, String running, LocalDate date) {
        return Refusal.invalidField("duplicate-date", "newDate", com.polaris.kat.events.catalog.SeriesIds.named(seriesId) + " already runs " + running + " on " + date
                + "; a class day runs one module, 09:00-17:00 Pacific. Choose another date.");
    }

    @EventSourcingHandler
    void on(ClassDaySlotTaken e) {
        slotId = e.slotId();
        moduleCode = e.moduleCode();
        seriesId = e.seriesId();
        date = e.date();
        lastTaker = e.classDayId();
        if (e.movedFrom() == null) {
            daysScheduledHere++;
        }
    }
}
