package com.polaris.kat.enrollment.classday;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * {@link ClassDaySlots} through Axon's repository of {@link ClassDaySlot}: a slot (a module's or a series') is loaded (and locked) in the
 * current command's unit of work, and a slot that was never taken is created by its first taker in it, so the
 * slot's event is appended in the same transaction as the scheduling or move (one Axon Server append transaction in
 * that mode). Two first takers of one slot append its sequence number 0 both; the store refuses the second, which
 * is retried (config/ConflictRetryScheduler) and then finds the slot taken.
 */
@Component
public class RepositoryClassDaySlots implements ClassDaySlots {

    private final Repository<ClassDaySlot> slots;
    private final ClassDayDates dates;

    /**
     * @param classDaySlotRepository Axon's event-sourcing repository of {@link ClassDaySlot}
     * @param dates                  each class day's current date, from its own stream
     */
    public RepositoryClassDaySlots(@Lazy Repository<ClassDaySlot> classDaySlotRepository, ClassDayDates dates) {
        this.slots = classDaySlotRepository;
        this.dates = dates;
    }

    /**
     * {@inheritDoc} One load of the slot, and one read of a day's stream: its last taker's (is it still there?), or, for a
     * slot never taken, the day with the id {@code <module>-<date>}'s (a store written before slots existed may hold one
     * there). A new day's id skips ids a day already has.
     */
    @Override
    public String dayOn(String moduleCode, LocalDate date) {
        Optional<Aggregate<ClassDaySlot>> slot = slot(moduleCode, date);
        if (slot.isPresent()) {
            Optional<String> running = slot.get().invoke(s -> s.runningDay(dates));
            return running.orElseGet(() -> newDayId(moduleCode, date, slot.get().invoke(ClassDaySlot::daysScheduledHere)));
        }
        String firstId = ClassDaySlot.newDayId(moduleCode, date, 0);
        Optional<LocalDate> first = dates.currentDate(firstId);
        if (first.isEmpty()) {
            return firstId;
        }
        return first.get().equals(date) ? firstId : newDayId(moduleCode, date, 1);
    }

    /** The first id {@code <module>-<date>[-<n>]} from the {@code before}-th on that no day has. */
    private String newDayId(String moduleCode, LocalDate date, int before) {
        while (dates.currentDate(ClassDaySlot.newDayId(moduleCode, date, before)).isPresent()) {
            before++;
        }
        return ClassDaySlot.newDayId(moduleCode, date, before);
    }

    @Override
    public void scheduled(String classDayId, String moduleCode, LocalDate date) {
        Optional<Aggregate<ClassDaySlot>> slot = slot(moduleCode, date);
        if (slot.isPresent()) {
            Optional<String> running = slot.get().invoke(s -> s.runningDay(dates));
            if (running.isPresent()) {
                throw new org.axonframework.modelling.command.ConcurrencyException("slot " + ClassDaySlot.idOf(moduleCode, date)
                        + " was taken by " + running.get() + " while " + classDayId + " was being scheduled there; retried");
            }
            slot.get().execute(s -> s.takeForNewDay(classDayId));
        } else {
            create(() -> new ClassDaySlot(moduleCode, null, date, classDayId, null));
        }
    }

    @Override
    public void movedIn(String classDayId, String moduleCode, java.util.Collection<String> seriesIds, LocalDate from, LocalDate to) {
        take(ClassDaySlot.idOf(moduleCode, to), classDayId, moduleCode, from, () -> new ClassDaySlot(moduleCode, null, to, classDayId, from));
        for (String seriesId : new java.util.TreeSet<>(seriesIds)) {
            take(ClassDaySlot.idOfSeries(seriesId, to), classDayId, moduleCode, from, () -> new ClassDaySlot(moduleCode, seriesId, to, classDayId, from));
        }
    }

    private void take(String slotId, String classDayId, String moduleCode, LocalDate from, java.util.concurrent.Callable<ClassDaySlot> first) {
        Optional<Aggregate<ClassDaySlot>> slot = load(slotId);
        if (slot.isPresent()) {
            slot.get().execute(s -> s.takeForMove(classDayId, moduleCode, from, dates));
        } else {
            create(first);
        }
    }

    /** The slot, loaded and locked for this unit of work (Axon keeps it there: a second call gets the same one); empty when never taken. */
    private Optional<Aggregate<ClassDaySlot>> slot(String moduleCode, LocalDate date) {
        return load(ClassDaySlot.idOf(moduleCode, date));
    }

    private Optional<Aggregate<ClassDaySlot>> load(String slotId) {
        try {
            return Optional.of(slots.load(slotId));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }

    private void create(java.util.concurrent.Callable<ClassDaySlot> first) {
        try {
            slots.newInstance(first);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
