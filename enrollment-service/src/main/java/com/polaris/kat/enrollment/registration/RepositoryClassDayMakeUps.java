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

    /**
     * @param registrationRepository Axon's event-sourcing repository of {@link Registration}
     * @param streams                the registrations holding make-up places on a day, read from its stream without its lock
     */
    public RepositoryClassDayMakeUps(@Lazy Repository<Registration> registrationRepository, EventStoreDates streams) {
        this.registrations = registrationRepository;
        this.streams = streams;
    }

    @Override
    public SortedSet<String> holders(String classDayId) {
        return streams.makeUpHolders(classDayId);
    }

    @Override
    public void lock(SortedSet<String> registrationIds) {
        registrationIds.forEach(this::load);
    }

    @Override
    public void follow(ClassDayMoved move, SortedSet<String> registrationIds) {
        for (String registrationId : registrationIds) {
            load(registrationId).execute(r -> r.rescheduleMakeUp(move.classDayId(), move.toDate(), move.reason()));
        }
    }

    /** The registration in this unit of work: loaded and locked the first time, the same instance after (Axon's repository). */
    private Aggregate<Registration> load(String registrationId) {
        return Aggregates.loadOrRefuse(registrations, registrationId,
                () -> Refusal.notFound("registration-not-found", "There is no registration " + registrationId + "."));
    }
}
