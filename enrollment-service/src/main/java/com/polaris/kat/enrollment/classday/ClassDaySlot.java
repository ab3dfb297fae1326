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
 * A (module, date) slot: the one live session a module has on a date (product rules: a class day teaches one module
 * 09:00-17:00 Pacific, and its room holds at most one live session). Stream id {@code <module>@<date>}, e.g.
 * {@code M1@2030-03-04}. Every class day that comes to run on the date takes the slot (scheduled there, or moved
 * there) in its own unit of work, so two writers that would both put a session of the module on the date append to
 * this stream at the same sequence number and one of them is retried, on one instance or several.
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
    private LocalDate date;
    private String lastTaker;
    private int daysScheduledHere;

    /** For Axon (sourcing from the stream). */
    protected ClassDaySlot() {
    }

    /** A slot's first taker, scheduled or moved there ({@code movedFrom} null when scheduled). */
    ClassDaySlot(String moduleCode, LocalDate date, String classDayId, LocalDate movedFrom) {
        apply(new ClassDaySlotTaken(idOf(moduleCode, date), moduleCode, date, classDayId, movedFrom));
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

    /** A day newly scheduled here takes the slot (the caller found it free, {@link #runningDay}, under this slot's lock). */
    void takeForNewDay(String classDayId) {
        apply(new ClassDaySlotTaken(slotId, moduleCode, date, classDayId, null));
    }

    /**
     * A day moving here from {@code from} takes the slot.
     *
     * @throws Refusal class-day-exists (409) when another day runs the module on this date
     */
    void takeForMove(String classDayId, LocalDate from, ClassDayDates dates) {
        refuseIfTaken(runningDay(dates), classDayId, moduleCode, date);
        apply(new ClassDaySlotTaken(slotId, moduleCode, date, classDayId, from));
    }

    /**
     * @throws Refusal class-day-exists (409) when {@code running} names a day other than the one moving there
     */
    static void refuseIfTaken(Optional<String> running, String movingDay, String moduleCode, LocalDate date) {
        if (running.isPresent() && !running.get().equals(movingDay)) {
            throw Refusal.conflict("class-day-exists", "Class day " + running.get() + " already runs " + moduleCode + " on " + date
                    + "; one live session per module a day: moving " + movingDay + " there would make two. Choose another date.");
        }
    }

    @EventSourcingHandler
    void on(ClassDaySlotTaken e) {
        slotId = e.slotId();
        moduleCode = e.moduleCode();
        date = e.date();
        lastTaker = e.classDayId();
        if (e.movedFrom() == null) {
            daysScheduledHere++;
        }
    }
}
