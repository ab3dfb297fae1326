package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.classday.ClassDayMakeUps;
import com.polaris.kat.enrollment.classday.EventStoreDates;
import com.polaris.kat.enrollment.rules.Aggregates;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.SortedSet;

/**
 * {@link ClassDayMakeUps} through Axon's registration repository: each registration is loaded (and locked) in the move's
 * unit of work, and its own rule ({@link Registration#rescheduleMakeUp}) moves its make-up, so its event is appended in the
 * move's transaction with the move's actor and correlation id.
 */
@Component
public class RepositoryClassDayMakeUps implements ClassDayMakeUps {

    private final Repository<Registration> registrations;
    private final EventStoreDates streams;
    private final com.polaris.kat.enrollment.series.SeriesSeats series;

    /**
     * @param registrationRepository Axon's event-sourcing repository of {@link Registration}
     * @param streams                the registrations holding make-up places on a day, read from its stream without its lock
     * @param series                 each holder's own series' schedule, in the move's unit of work (locked by the move before the day)
     */
    public RepositoryClassDayMakeUps(@Lazy Repository<Registration> registrationRepository, EventStoreDates streams,
                                     com.polaris.kat.enrollment.series.SeriesSeats series) {
        this.registrations = registrationRepository;
        this.streams = streams;
        this.series = series;
    }

    @Override
    public java.util.SortedMap<String, String> holders(String classDayId) {
        return streams.makeUpHolders(classDayId);
    }

    @Override
    public void lock(SortedSet<String> registrationIds) {
        registrationIds.forEach(this::load);
    }

    @Override
    public String clinicianOf(String registrationId) {
        return load(registrationId).invoke(Registration::clinicianId);
    }

    @Override
    public void checkNoMakeUpOn(java.util.SortedMap<String, String> members, ClassDayMoved move) {
        Refused refused = new Refused();
        java.util.Map<String, Integer> numbers = new java.util.HashMap<>(); // each series' number, read once
        members.forEach((registrationId, seriesId) -> streams.makeUpsOf(registrationId).forEach((moduleCode, makeUp) ->
                refused.check(registrationId, () -> ModuleAttendance.checkOwnDayNotOnMakeUp(registrationId,
                        numbers.computeIfAbsent(seriesId, id -> series.schedule(id).seriesNumber()), move.classDayId(), move.toDate(),
                        makeUp.getKey(), makeUp.getValue()))));
        refused.throwIfAny();
    }

    /**
     * The refusals of a move's registrations, gathered so the registrar learns every registration in the way at once (a
     * fresh reviewer's move, blocked by seven make-ups, named one and was to be retried six more times): the first one's
     * refusal, its detail ending with the others' ids.
     */
    private static final class Refused {
        private Refusal first;
        private final java.util.Set<String> others = new java.util.TreeSet<>();
        private String firstId;

        void check(String registrationId, Runnable rule) {
            try {
                rule.run();
            } catch (Refusal r) {
                if (first == null) {
                    first = r;
                    firstId = registrationId;
                } else if (!registrationId.equals(firstId)) {
                    others.add(registrationId);
                }
            }
        }

        void throwIfAny() {
            if (first == null) {
                return;
            }
            if (others.isEmpty()) {
                throw first;
            }
            throw new Refusal(first.kind(), first.type(), first.getMessage() + " The same holds for " + others.size() + " more registration"
                    + (others.size() == 1 ? "" : "s") + ": " + String.join(", ", others) + ".", first.field());
        }
    }

    @Override
    public void follow(ClassDayMoved move, SortedSet<String> registrationIds) {
        Refused refused = new Refused();
        for (String registrationId : registrationIds) {
            Aggregate<Registration> registration = load(registrationId);
            com.polaris.kat.enrollment.series.SeriesSchedule schedule = series.schedule(registration.invoke(Registration::seriesId));
            refused.check(registrationId, () -> registration.execute(r -> r.rescheduleMakeUp(schedule, move.classDayId(), move.toDate(), move.reason())));
        }
        refused.throwIfAny(); // the unit of work, the make-ups moved so far included, is rolled back
    }

    /** The registration in this unit of work: loaded and locked the first time, the same instance after (Axon's repository). */
    private Aggregate<Registration> load(String registrationId) {
        return Aggregates.loadOrRefuse(registrations, registrationId,
                () -> Refusal.notFound("registration-not-found", "There is no registration " + registrationId + "."));
    }
}
