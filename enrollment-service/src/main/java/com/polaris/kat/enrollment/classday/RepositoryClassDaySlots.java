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
     * {@inheritDoc} A slot never taken may still have a day from a store written before slots existed: the day with
     * the id {@code <module>-<date>}, if it runs on that date.
     */
    @Override
    public Optional<String> runningDay(String moduleCode, LocalDate date) {
        Optional<Aggregate<ClassDaySlot>> slot = slot(moduleCode, date);
        if (slot.isPresent()) {
            return slot.get().invoke(s -> s.runningDay(dates));
        }
        String firstId = ClassDaySlot.newDayId(moduleCode, date, 0);
        return dates.currentDate(firstId).filter(date::equals).map(d -> firstId);
    }

    /** {@inheritDoc} Skips ids a day already has (a day from a store written before slots existed may hold one). */
    @Override
    public String newDayId(String moduleCode, LocalDate date) {
        int before = slot(moduleCode, date).map(s -> s.invoke(ClassDaySlot::daysScheduledHere)).orElse(0);
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
