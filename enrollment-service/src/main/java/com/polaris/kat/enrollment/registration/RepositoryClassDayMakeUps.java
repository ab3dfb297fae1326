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
    public void checkNoMakeUpOn(SortedSet<String> registrationIds, ClassDayMoved move) {
        for (String registrationId : registrationIds) {
            streams.makeUpsOf(registrationId).forEach((moduleCode, makeUp) ->
                    ModuleAttendance.checkOwnDayNotOnMakeUp(registrationId, move.classDayId(), move.toDate(), makeUp.getKey(), makeUp.getValue()));
        }
    }

    @Override
    public void follow(ClassDayMoved move, SortedSet<String> registrationIds) {
        for (String registrationId : registrationIds) {
            Aggregate<Registration> registration = load(registrationId);
            com.polaris.kat.enrollment.series.SeriesSchedule schedule = series.schedule(registration.invoke(Registration::seriesId));
            registration.execute(r -> r.rescheduleMakeUp(schedule, move.classDayId(), move.toDate(), move.reason()));
        }
    }

    /** The registration in this unit of work: loaded and locked the first time, the same instance after (Axon's repository). */
    private Aggregate<Registration> load(String registrationId) {
        return Aggregates.loadOrRefuse(registrations, registrationId,
                () -> Refusal.notFound("registration-not-found", "There is no registration " + registrationId + "."));
    }
}
