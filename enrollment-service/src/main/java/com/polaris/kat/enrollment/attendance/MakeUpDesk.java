package com.polaris.kat.enrollment.attendance;

import com.polaris.kat.enrollment.classday.ClassDay;
import com.polaris.kat.enrollment.registration.Registration;
import com.polaris.kat.enrollment.rules.Aggregates;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.series.SeriesSchedule;
import com.polaris.kat.enrollment.series.SeriesSeats;
import com.polaris.kat.events.attendance.AttendanceCommands.BookMakeUp;
import com.polaris.kat.events.attendance.AttendanceCommands.CancelMakeUp;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Books a make-up: a make-up place is taken on the other class day and the booking recorded on the
 * registration in one unit of work; a booking that moves the module's make-up to another day frees
 * the place on the first day in the same unit of work. Cancels one the same way: the cancellation on
 * the registration, the place freed on the day.
 */
@Component
public class MakeUpDesk {

    private final Repository<ClassDay> classDays;
    private final SeriesSeats series;
    private final Repository<Registration> registrations;
    private final com.polaris.kat.enrollment.classday.SeriesDateLocks seriesDateLocks;
    private final com.polaris.kat.enrollment.livesession.LiveSessionHolds liveSessions;

    /**
     * Axon's repositories of class days and registrations; the series' schedule through {@code series}; the series' date
     * locks, which order a booking against a class-day move on another instance; the clinician's places on live sessions.
     */
    public MakeUpDesk(Repository<ClassDay> classDayRepository, SeriesSeats series, Repository<Registration> registrationRepository,
                      com.polaris.kat.enrollment.classday.SeriesDateLocks seriesDateLocks,
                      com.polaris.kat.enrollment.livesession.LiveSessionHolds liveSessions) {
        this.liveSessions = liveSessions;
        this.classDays = classDayRepository;
        this.series = series;
        this.registrations = registrationRepository;
        this.seriesDateLocks = seriesDateLocks;
    }

    /**
     * Books the make-up (MakeUpBooked on the registration's stream) and takes a make-up place on the
     * day (ClassDayMakeUpTaken on the class day's stream), in one transaction. Streams are taken in
     * the lock order of credit/ClinicianCredit: the registration, its series, then the class days in
     * ascending id order; the series' date lock ({@code classday/SeriesDateLocks}) before them.
     *
     * @throws com.polaris.kat.enrollment.rules.Refusal class-day-not-found, registration-not-found (404),
     *                 make-up-module-mismatch (422), and the registration's and class day's refusals
     *                 (class-day-full, class-day-started: 409), class-day-already-held (409) when another registration of the
     *                 clinician holds a place on the day, date-already-held (409) when it holds one on another day that date
     */
    @CommandHandler
    public void handle(BookMakeUp cmd, Clock clock, CeCreditRule rule) {
        // before any other lock, as a class-day move takes it: a move of the series' day on another instance is committed
        // before the series' dates are read below (a cached series it changed is found stale and the booking retried)
        seriesDateLocks.hold(java.util.List.of(cmd.seriesId()));
        Aggregate<Registration> registration = Aggregates.loadOrRefuse(registrations, cmd.registrationId(),
                () -> Refusal.notFound("registration-not-found", com.polaris.kat.events.catalog.SeriesIds.named(cmd.seriesId()) + " has no registration " + cmd.registrationId() + "."));
        SeriesSchedule schedule = series.schedule(cmd.seriesId());
        // the module first (as a cancellation names it): "m2" is no module of the series, not a class day of another module
        schedule.dayOfModule(cmd.moduleCode());
        Optional<String> movedFrom = registration.invoke(r -> r.makeUpDayOf(cmd.moduleCode())).filter(d -> !d.equals(cmd.classDayId()));
        Map<String, Aggregate<ClassDay>> days = new TreeMap<>();
        days.put(cmd.classDayId(), null);
        movedFrom.ifPresent(d -> days.put(d, null));
        for (String id : days.keySet()) {
            days.put(id, Aggregates.loadOrRefuse(classDays, id, () -> Refusal.notFound("class-day-not-found", "There is no class day " + id + ".")));
        }
        Aggregate<ClassDay> day = days.get(cmd.classDayId());
        if (!day.invoke(ClassDay::moduleCode).equals(cmd.moduleCode())) {
            throw Refusal.invalidField("make-up-module-mismatch", "classDayId", "Class day " + cmd.classDayId() + " teaches " + day.invoke(ClassDay::moduleCode)
                    + "; a make-up of " + cmd.moduleCode() + " must be on a day of the same module.");
        }
        registration.execute(r -> r.bookMakeUp(schedule, cmd.moduleCode(), cmd.classDayId(), day.invoke(ClassDay::date), rule));
        day.execute(d -> d.takeMakeUpPlace(cmd.seriesId(), cmd.registrationId(), clock.instant()));
        movedFrom.ifPresent(d -> days.get(d).execute(old -> old.releaseMakeUpPlace(cmd.registrationId(), "make-up moved to " + cmd.classDayId())));
        // last of the streams: the clinician's place on the day (none on it through another registration), the old day's freed
        String clinicianId = registration.invoke(Registration::clinicianId);
        movedFrom.ifPresent(d -> liveSessions.free(clinicianId, cmd.registrationId(), java.util.List.of(d), "make-up moved to " + cmd.classDayId(),
                clock.instant()));
        liveSessions.hold(clinicianId, cmd.registrationId(), cmd.seriesId(), schedule.seriesNumber(),
                new java.util.TreeMap<>(Map.of(cmd.classDayId(), day.invoke(ClassDay::date))),
                com.polaris.kat.enrollment.livesession.LiveSessionHolds.Asking.MAKE_UP, clock.instant());
    }

    /**
     * Cancels the module's make-up (MakeUpCancelled on the registration's stream, with the reason) and frees its place
     * (ClassDayMakeUpReleased on the class day's stream, "make-up cancelled: " and the reason), in one transaction; lock
     * order: the registration, its series, the class day.
     *
     * @return the class day whose make-up place came free
     *
     * @throws com.polaris.kat.enrollment.rules.Refusal registration-not-found, module-not-in-series (404); reason-required
     *                 (422); no-make-up-booked, class-day-started, registration-cancelled (409)
     */
    @CommandHandler
    public String handle(CancelMakeUp cmd, Clock clock) {
        Aggregate<Registration> registration = Aggregates.loadOrRefuse(registrations, cmd.registrationId(),
                () -> Refusal.notFound("registration-not-found", com.polaris.kat.events.catalog.SeriesIds.named(cmd.seriesId()) + " has no registration " + cmd.registrationId() + "."));
        SeriesSchedule schedule = series.schedule(cmd.seriesId());
        String classDayId = registration.invoke(r -> r.cancelMakeUp(schedule, cmd.moduleCode(), cmd.reason(), clock.instant()));
        Aggregates.loadOrRefuse(classDays, classDayId, () -> Refusal.notFound("class-day-not-found", "There is no class day " + classDayId + "."))
                .execute(d -> d.releaseMakeUpPlace(cmd.registrationId(), "make-up cancelled: " + cmd.reason().strip()));
        liveSessions.free(registration.invoke(Registration::clinicianId), cmd.registrationId(), java.util.List.of(classDayId), "make-up cancelled",
                clock.instant());
        return classDayId;
    }
}
