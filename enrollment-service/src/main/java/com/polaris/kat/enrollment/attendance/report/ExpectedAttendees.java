package com.polaris.kat.enrollment.attendance.report;

import com.polaris.kat.enrollment.classday.ClassDay;
import com.polaris.kat.enrollment.registration.Registration;
import com.polaris.kat.enrollment.rules.Aggregates;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.series.Series;
import com.polaris.kat.events.time.ProgramTime;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Who is expected on a class day, by clinician id: the active registrations of every series that
 * uses the day, and the registrations holding a make-up place on it. Read before an import is sent
 * (each aggregate in a unit of work of its own, so no two locks are held at once and the import's
 * lock order stays registration, series, class day); the import then checks each registration
 * again inside its own transaction.
 */
@Component
public class ExpectedAttendees {

    /**
     * The day as an import needs it: its module and times (UTC), and who is expected: clinician id to their registrations
     * expected on it (sorted; two when one clinician holds seats in two series that share the day, or a seat and a make-up).
     */
    public record Day(String classDayId, String moduleCode, Instant startsAt, Instant endsAt, Map<String, List<String>> registrationsByClinician) {
    }

    private final Repository<ClassDay> classDays;
    private final Repository<Series> series;
    private final Repository<Registration> registrations;

    /** Axon's repositories of class days, series and registrations. */
    public ExpectedAttendees(@Lazy Repository<ClassDay> classDayRepository, @Lazy Repository<Series> seriesRepository,
                             @Lazy Repository<Registration> registrationRepository) {
        this.classDays = classDayRepository;
        this.series = seriesRepository;
        this.registrations = registrationRepository;
    }

    /**
     * @throws Refusal class-day-not-found (404)
     */
    public Day of(String classDayId) {
        record DayInfo(String module, java.time.LocalDate date, List<String> seriesIds, Set<String> makeUps) {
        }
        DayInfo day = alone(() -> Aggregates.loadOrRefuse(classDays, classDayId,
                        () -> Refusal.notFound("class-day-not-found", "There is no class day " + classDayId + "."))
                .invoke(d -> new DayInfo(d.moduleCode(), d.date(), d.seriesIds(), d.makeUpRegistrationIds())));
        // every registration of a clinician, not the last series' one: a fresh reviewer's clinician held seats in two series
        // sharing the day, and the import recorded the report on one of them without a word
        Map<String, java.util.SortedSet<String>> expected = new HashMap<>();
        for (String seriesId : day.seriesIds()) {
            alone(() -> series.load(seriesId).invoke(Series::activeRegistrationsByClinician)).forEach((clinicianId, registrationId) ->
                    expected.computeIfAbsent(clinicianId, k -> new java.util.TreeSet<>()).add(registrationId));
        }
        for (String registrationId : day.makeUps()) {
            String clinicianId = alone(() -> registrations.load(registrationId).invoke(Registration::clinicianId));
            expected.computeIfAbsent(clinicianId, k -> new java.util.TreeSet<>()).add(registrationId);
        }
        Map<String, List<String>> byClinician = new HashMap<>();
        expected.forEach((clinicianId, ids) -> byClinician.put(clinicianId, List.copyOf(ids)));
        return new Day(classDayId, day.module(), ProgramTime.startOf(day.date()), ProgramTime.endOf(day.date()), Map.copyOf(byClinician));
    }

    private static <T> T alone(Callable<T> read) {
        try {
            return DefaultUnitOfWork.startAndGet(null).executeWithResult(read).getPayload();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
