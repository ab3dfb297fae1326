package com.polaris.kat.enrollment.attendance;

import com.polaris.kat.enrollment.classday.ClassDay;
import com.polaris.kat.enrollment.registration.Registration;
import com.polaris.kat.enrollment.rules.Aggregates;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.series.Series;
import com.polaris.kat.events.attendance.AttendanceCommands.BookMakeUp;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Books a make-up: the other class day's room is checked against every series that uses it, and
 * the place is taken on that day and recorded on the registration in one unit of work.
 */
@Component
public class MakeUpDesk {

    private final Repository<ClassDay> classDays;
    private final Repository<Series> series;
    private final Repository<Registration> registrations;

    /** Axon's repositories of class days, series and registrations. */
    public MakeUpDesk(Repository<ClassDay> classDayRepository, Repository<Series> seriesRepository,
                      Repository<Registration> registrationRepository) {
        this.classDays = classDayRepository;
        this.series = seriesRepository;
        this.registrations = registrationRepository;
    }

    /**
     * Books the make-up (MakeUpBooked on the registration's stream) and takes the place on the day
     * (ClassDayMakeUpTaken on the class day's stream), in one transaction.
     *
     * @throws com.polaris.kat.enrollment.rules.Refusal class-day-not-found, registration-not-found (404),
     *                 make-up-module-mismatch (422), and the registration's and class day's refusals
     */
    @CommandHandler
    public void handle(BookMakeUp cmd, Clock clock) {
        Aggregate<ClassDay> day = Aggregates.loadOrRefuse(classDays, cmd.classDayId(),
                () -> Refusal.notFound("class-day-not-found", "There is no class day " + cmd.classDayId() + "."));
        if (!day.invoke(ClassDay::moduleCode).equals(cmd.moduleCode())) {
            throw Refusal.invalid("make-up-module-mismatch", "Class day " + cmd.classDayId() + " teaches " + day.invoke(ClassDay::moduleCode)
                    + "; a make-up of " + cmd.moduleCode() + " must be on a day of the same module.");
        }
        // Lock order: the registration before any series, as cancellation and attendance take them (a sale locks its series,
        // then creates a registration nobody else holds), so no two commands wait on each other in a cycle.
        Aggregate<Registration> registration = Aggregates.loadOrRefuse(registrations, cmd.registrationId(),
                () -> Refusal.notFound("registration-not-found", "Series " + cmd.seriesId() + " has no registration " + cmd.registrationId() + "."));
        Aggregate<Series> own = series.load(cmd.seriesId());
        int seats = 0;
        int active = 0;
        for (String seriesId : day.invoke(ClassDay::seriesIds)) {
            Aggregate<Series> s = seriesId.equals(cmd.seriesId()) ? own : series.load(seriesId);
            seats += s.invoke(Series::capacity);
            active += s.invoke(Series::seatsTaken);
        }
        int seatsOfDay = seats;
        int activeOnDay = active;
        var schedule = own.invoke(Series::schedule);
        registration.execute(r -> r.bookMakeUp(schedule, cmd.moduleCode(), cmd.classDayId(), day.invoke(ClassDay::date)));
        day.execute(d -> d.takeMakeUpPlace(cmd.seriesId(), cmd.registrationId(), seatsOfDay, activeOnDay, clock.instant()));
    }
}
