package com.polaris.kat.enrollment.classday;

import com.polaris.kat.enrollment.rules.Aggregates;
import com.polaris.kat.enrollment.rules.Refusal;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.TreeSet;

/**
 * {@link ClassDayPlaces} through Axon's class day repository: each day is loaded (and locked) in
 * the current command's unit of work, so a freed place is appended in the same transaction as the
 * cancellation that frees it.
 */
@Component
public class RepositoryClassDayPlaces implements ClassDayPlaces {

    private final Repository<ClassDay> classDays;

    /** @param classDayRepository Axon's event-sourcing repository of {@link ClassDay} */
    public RepositoryClassDayPlaces(@Lazy Repository<ClassDay> classDayRepository) {
        this.classDays = classDayRepository;
    }

    @Override
    public void release(Collection<String> classDayIds, String registrationId, String reason) {
        for (String classDayId : new TreeSet<>(classDayIds)) {
            Aggregates.loadOrRefuse(classDays, classDayId,
                            () -> Refusal.notFound("class-day-not-found", "There is no class day " + classDayId + "."))
                    .execute(d -> d.releaseMakeUpPlace(registrationId, reason));
        }
    }
}
