package com.polaris.kat.enrollment.classday;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.catalog.CatalogCommands.MoveClassDay;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Moves a class day and, in the same unit of work (one transaction in PostgreSQL mode, one append transaction with Axon
 * Server), every series using it and every make-up booked on it: {@code ClassDayMoved} on the day's stream,
 * {@code SeriesClassDayRescheduled} on each series', {@code MakeUpRescheduled} on each make-up's registration (a fresh
 * reviewer's make-up had kept its old date, so its attendance on the new date was refused). A cancellation, registration or waitlist step that loaded a series before the move committed then conflicts
 * with it on the series' (aggregate, sequence) key and is retried on the moved dates; one in this instance waits for the
 * series' lock. (The series had followed through a streaming processor, about a quarter of a second later: a fresh
 * reviewer's cancellations sent together with a move were 2 of 8 decided on the old cutoff and committed after it.)
 * <p>
 * Locks are taken in the order every other command takes them (registrations, then series, then class day, then
 * slots): the registrations holding make-ups on the day and the series using it, each read without the day's lock and
 * locked in id order, then the day. A series that joined the day, or a make-up booked on it, in between is caught once
 * the day is locked and the command is retried. Across instances a make-up booking and a move are ordered by the series'
 * date locks ({@link SeriesDateLocks}), which both take before any other lock.
 */
@Component
public class ClassDayMoves {

    private final Repository<ClassDay> classDays;
    private final ClassDaySeries series;
    private final ClassDayMakeUps makeUps;
    private final SeriesDateLocks seriesDateLocks;
    private final com.polaris.kat.enrollment.livesession.LiveSessionHolds liveSessions;

    /**
     * @param classDayRepository Axon's event-sourcing repository of {@link ClassDay}
     * @param series             the series using a day, locked and rescheduled through their own aggregates
     * @param makeUps            the registrations holding make-up places on a day, locked and moved through their own aggregates
     * @param seriesDateLocks    orders a move against a make-up booking on another instance
     * @param liveSessions       the clinicians' places on live sessions, which record the day's new date
     */
    public ClassDayMoves(@Lazy Repository<ClassDay> classDayRepository, ClassDaySeries series, ClassDayMakeUps makeUps,
                         SeriesDateLocks seriesDateLocks, com.polaris.kat.enrollment.livesession.LiveSessionHolds liveSessions) {
        this.liveSessions = liveSessions;
        this.classDays = classDayRepository;
        this.series = series;
        this.makeUps = makeUps;
        this.seriesDateLocks = seriesDateLocks;
    }

    /**
     * The day's own rule decides ({@link ClassDay#move}); each series using it then follows.
     *
     * @throws Refusal the refusals of {@link ClassDay#move}; make-up-on-series-date (422, field newDate) when a make-up
     *                 booked on the day would land on a date its registration's own series teaches, or the day would land on
     *                 the date of a make-up held by a registration of a series using it; date-already-held (409, field newDate)
     *                 when a clinician holding a place on the day holds another on the new date
     * @throws org.axonframework.modelling.command.AggregateNotFoundException when there is no such day (404 not-found)
     * @throws ConcurrencyException when a series joined the day, or a make-up was booked on it, after they were read
     *                              (retried by the command gateway)
     */
    @CommandHandler
    public void handle(MoveClassDay cmd, Clock clock, SeriesDates seriesDates, ClassDayDates classDayDates, ClassDaySlots slots) {
        java.util.SortedMap<String, String> holding = makeUps.holders(cmd.classDayId());
        SortedSet<String> holders = new TreeSet<>(holding.keySet());
        SortedSet<String> users = series.using(cmd.classDayId());
        TreeSet<String> seriesToLock = new TreeSet<>(users);
        seriesToLock.addAll(holding.values()); // a make-up's own series: its dates decide whether the make-up can move there
        // first, as a booking takes it: a make-up booked for a member on another instance is committed before it is read below
        seriesDateLocks.hold(seriesToLock);
        makeUps.lock(holders);
        series.lock(seriesToLock);
        Aggregate<ClassDay> day = classDays.load(cmd.classDayId());
        TreeSet<String> usersNow = new TreeSet<>(day.invoke(ClassDay::seriesIds));
        if (!users.containsAll(usersNow)) {
            throw new ConcurrencyException("series " + usersNow + " use class day " + cmd.classDayId() + ", " + users
                    + " did when its move began; retried with every series locked");
        }
        TreeSet<String> holdersNow = new TreeSet<>(day.invoke(ClassDay::makeUpRegistrationIds));
        if (!holders.containsAll(holdersNow)) {
            throw new ConcurrencyException("registrations " + holdersNow + " hold make-ups on class day " + cmd.classDayId() + ", " + holders
                    + " did when its move began; retried with every registration locked");
        }
        day.invoke(d -> d.move(cmd, clock, seriesDates, classDayDates, slots)).ifPresent(move -> {
            // no member of a series using the day has a make-up on the new date (refused: the unit of work, the day's event
            // and its slot included, is rolled back)
            java.util.SortedMap<String, String> members = new java.util.TreeMap<>();
            usersNow.forEach(s -> series.activeRegistrations(s).forEach(r -> members.put(r, s)));
            makeUps.checkNoMakeUpOn(members, move);
            series.follow(move);
            makeUps.follow(move, holdersNow);
            // last of the streams: each clinician holding a place on the day records its new date (one live day at a time)
            SortedSet<String> clinicians = new TreeSet<>();
            usersNow.forEach(s -> clinicians.addAll(series.activeClinicians(s)));
            holdersNow.forEach(r -> clinicians.add(makeUps.clinicianOf(r)));
            liveSessions.followMove(clinicians, move.classDayId(), move.toDate(), move.reason(), clock.instant());
        });
    }
}
