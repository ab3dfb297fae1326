package com.polaris.kat.enrollment.classday;

import com.polaris.kat.events.catalog.CatalogCommands.UseClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.Aggregate;
import java.util.Comparator;
import java.util.List;

import com.polaris.kat.enrollment.rules.Aggregates;
import com.polaris.kat.enrollment.rules.Refusal;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.TreeSet;

/**
 * {@link ClassDayPlaces} through Axon's class day repository: each day is loaded or created (and
 * locked) in the current command's unit of work, found through its (module, date) slot ({@link ClassDaySlots},
 * each slot before its day, in (module, date) order), so a new series' days and a freed place are
 * appended in the same transaction as the scheduling or cancellation that causes them. A day's
 * own rule decides ({@code UseClassDay} is handed to the loaded day as its command handler would
 * be); the events carry the causing command's actor and correlation id.
 */
@Component
public class RepositoryClassDayPlaces implements ClassDayPlaces {

    private final Repository<ClassDay> classDays;
    private final com.polaris.kat.enrollment.rules.LiveSessionSize sessions;
    private final ClassDaySlots slots;
    private final com.polaris.kat.enrollment.livesession.LiveSessionHolds liveSessions;

    /**
     * @param classDayRepository Axon's event-sourcing repository of {@link ClassDay}
     * @param sessions           the most one live session holds
     * @param slots              which day runs a module on a date
     * @param liveSessions       the clinicians' places on live sessions, freed with a make-up place
     */
    public RepositoryClassDayPlaces(@Lazy Repository<ClassDay> classDayRepository, com.polaris.kat.enrollment.rules.LiveSessionSize sessions,
                                    ClassDaySlots slots, com.polaris.kat.enrollment.livesession.LiveSessionHolds liveSessions) {
        this.liveSessions = liveSessions;
        this.classDays = classDayRepository;
        this.sessions = sessions;
        this.slots = slots;
    }

    @Override
    public List<SeriesClassDay> find(Collection<SeriesClassDay> planned) {
        // the slots first, in (module, date) order, then (use) the days in id order, the order every other command locks
        // several days in (holdSeats, release); slots are only ever locked before days (a move holds its day and takes one
        // slot of its own module, which a scheduling holds only if that day runs there, and then it is no move)
        java.util.Map<SeriesClassDay, String> ids = new java.util.HashMap<>();
        planned.stream().sorted(Comparator.comparing(SeriesClassDay::moduleCode).thenComparing(SeriesClassDay::date)).forEach(d ->
                ids.put(d, slots.dayOn(d.moduleCode(), d.date())));
        return planned.stream().map(d -> new SeriesClassDay(ids.get(d), d.moduleCode(), d.moduleTitle(),
                d.date(), d.startsAt(), d.endsAt(), d.ceHours())).toList();
    }

    @Override
    public void use(Collection<SeriesClassDay> days, String seriesId, int seats) {
        for (SeriesClassDay d : days.stream().sorted(Comparator.comparing(SeriesClassDay::classDayId)).toList()) {
            boolean created;
            try {
                Aggregate<ClassDay> day = classDays.loadOrCreate(d.classDayId(), ClassDay::new);
                created = day.version() == null;
                day.handle(GenericCommandMessage.asCommandMessage(new UseClassDay(d.classDayId(), d.moduleCode(), d.date(), seriesId, seats)));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (created) {
                slots.scheduled(d.classDayId(), d.moduleCode(), d.date());
            }
        }
    }

    @Override
    public void holdSeats(Collection<String> classDayIds, String seriesId, int seats) {
        for (String classDayId : new TreeSet<>(classDayIds)) {
            Aggregates.loadOrRefuse(classDays, classDayId,
                            () -> Refusal.notFound("class-day-not-found", "There is no class day " + classDayId + "."))
                    .execute(d -> d.holdSeats(seriesId, seats, sessions));
        }
    }

    @Override
    public void release(Collection<String> classDayIds, String clinicianId, String registrationId, String reason, java.time.Instant at) {
        for (String classDayId : new TreeSet<>(classDayIds)) {
            Aggregates.loadOrRefuse(classDays, classDayId,
                            () -> Refusal.notFound("class-day-not-found", "There is no class day " + classDayId + "."))
                    .execute(d -> d.releaseMakeUpPlace(registrationId, reason));
        }
        if (!classDayIds.isEmpty()) {
            liveSessions.free(clinicianId, registrationId, classDayIds, reason, at);
        }
    }
}
