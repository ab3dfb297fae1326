package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.rules.Aggregates;
import com.polaris.kat.enrollment.rules.Refusal;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * {@link SeriesSeats} through Axon's series repository: the series is loaded (and locked) in the
 * current command's unit of work, so a released seat is appended in the same transaction as the
 * registration's cancellation, and a concurrent seat sale on another instance conflicts on the
 * series' (aggregate, sequence) index and is retried.
 */
@Component
public class SeriesRepositorySeats implements SeriesSeats {

    private final Repository<Series> series;
    private final DeadlineManager deadlines;
    private final com.polaris.kat.enrollment.catalog.CeHoursApprovals approvals;

    /**
     * @param seriesRepository Axon's event-sourcing repository of {@link Series}
     * @param deadlines        Axon's deadline manager (db-scheduler): a seat freed for the waitlist is offered with a deadline
     * @param approvals        the hours a class day earns (its module's approvals when it starts), read by CE decisions only
     */
    public SeriesRepositorySeats(@Lazy Repository<Series> seriesRepository, @Lazy DeadlineManager deadlines,
                                 com.polaris.kat.enrollment.catalog.CeHoursApprovals approvals) {
        this.series = seriesRepository;
        this.deadlines = deadlines;
        this.approvals = approvals;
    }

    @Override
    public SeriesSchedule schedule(String seriesId) {
        return load(seriesId).invoke(s -> s.schedule(approvals));
    }

    @Override
    public int release(String seriesId, String registrationId, Instant at) {
        return load(seriesId).invoke(s -> s.releaseSeat(registrationId, at, deadlines));
    }

    private Aggregate<Series> load(String seriesId) {
        return Aggregates.loadOrRefuse(series, seriesId,
                () -> Refusal.notFound("series-not-found", "There is no " + com.polaris.kat.events.catalog.SeriesIds.named(seriesId) + "."));
    }
}
