package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.classday.ClassDaySeries;
import com.polaris.kat.enrollment.classday.EventStoreDates;
import com.polaris.kat.enrollment.rules.Aggregates;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.catalog.CatalogCommands.RescheduleSeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.SortedSet;

/**
 * {@link ClassDaySeries} through Axon's series repository: each series is loaded (and locked, {@link SeriesLocks}) in
 * the move's unit of work, and the series' own {@code RescheduleSeriesClassDay} rule is handed the move as its command
 * handler would be, so its events are appended in the move's transaction with the move's actor and correlation id.
 */
@Component
public class RepositoryClassDaySeries implements ClassDaySeries {

    private final Repository<Series> series;
    private final EventStoreDates streams;

    /**
     * @param seriesRepository Axon's event-sourcing repository of {@link Series}
     * @param streams          the series using a day, read from its stream without its lock
     */
    public RepositoryClassDaySeries(@Lazy Repository<Series> seriesRepository, EventStoreDates streams) {
        this.series = seriesRepository;
        this.streams = streams;
    }

    @Override
    public SortedSet<String> using(String classDayId) {
        return streams.seriesUsing(classDayId);
    }

    @Override
    public void lock(SortedSet<String> seriesIds) {
        seriesIds.forEach(this::load);
    }

    @Override
    public SortedSet<String> activeRegistrations(String seriesId) {
        return new java.util.TreeSet<>(load(seriesId).invoke(Series::activeRegistrationsByClinician).values());
    }

    @Override
    public SortedSet<String> activeClinicians(String seriesId) {
        return new java.util.TreeSet<>(load(seriesId).invoke(Series::activeRegistrationsByClinician).keySet());
    }

    @Override
    public void follow(ClassDayMoved move) {
        for (String seriesId : new java.util.TreeSet<>(move.affectedSeriesIds())) {
            try {
                load(seriesId).handle(GenericCommandMessage.asCommandMessage(
                        new RescheduleSeriesClassDay(seriesId, move.classDayId(), move.toDate(), move.reason())));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The series in this unit of work: loaded and locked the first time, the same instance after (Axon's repository). */
    private Aggregate<Series> load(String seriesId) {
        return Aggregates.loadOrRefuse(series, seriesId,
                () -> Refusal.notFound("series-not-found", "There is no " + com.polaris.kat.events.catalog.SeriesIds.named(seriesId) + "."));
    }
}
