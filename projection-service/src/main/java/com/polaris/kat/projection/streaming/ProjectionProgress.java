package com.polaris.kat.projection.streaming;

import com.polaris.kat.eventstore.position.ProgressWatch;
import com.polaris.kat.projection.admin.ProjectionAdminController;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Whether each projection advances through the events that wait for it, in the cluster ({@link ProgressWatch}'s rule over
 * {@link ProjectionFigures}' samples, every {@code kat.projections.figures-interval-ms}): a projection behind the store's
 * head whose position has not moved for {@code kat.projections.not-advancing-after-ms} (60,000 ms) does not advance,
 * whatever holds it (a processor stopped or without a thread, a failure retried for ever, an event the store's shared
 * reader cannot read, which no processor's own status shows). Every instance says the same, from the token table.
 * <p>
 * Shows as: this health contributor ({@code projectionProgress}) DOWN with, per such projection, {@code processedThrough},
 * {@code head}, {@code behind} and {@code notAdvancingSince} (UTC); the gauge {@code kat.projection.not.advancing.seconds}
 * ({@code projection} tag; 0 while it advances or is caught up); one ERROR log line when a projection starts not advancing
 * and one INFO when it advances again. Not in the readiness or liveness groups: a restart does not get past an event that
 * cannot be read, and an instance taken out of service answers no read at all, where the other projections' reads are still
 * right (docs/decisions.md). The overall {@code /actuator/health} turns DOWN, which is what on-call monitoring watches.
 */
@Component("projectionProgress")
public class ProjectionProgress implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ProjectionProgress.class);

    private final ProgressWatch watch;
    private final Clock clock;
    private final Duration bound;

    /** @param boundMs how long a projection may stay behind without advancing ({@code kat.projections.not-advancing-after-ms}) */
    @org.springframework.beans.factory.annotation.Autowired
    public ProjectionProgress(MeterRegistry meters, @Value("${kat.projections.not-advancing-after-ms:60000}") long boundMs) {
        this(meters, Duration.ofMillis(boundMs), Clock.systemUTC());
    }

    /** @param clock the clock a reading's age is measured by (the samples carry their own instants) */
    public ProjectionProgress(MeterRegistry meters, Duration bound, Clock clock) {
        this.bound = bound;
        this.watch = new ProgressWatch(bound);
        this.clock = clock;
        for (String name : ProjectionAdminController.PROJECTIONS) {
            Gauge.builder("kat.projection.not.advancing.seconds", () -> watch.secondsNotAdvancing(name, clock.instant())).tag("projection", name)
                    .description("seconds the projection has been behind the event store's head without advancing (0: it advances or is caught up)")
                    .register(meters);
        }
    }

    /** Takes one sample of the figures (each one {@link ProjectionFigures} reads). */
    @EventListener
    public void observe(ProjectionFigures.Sample sample) {
        for (String name : ProjectionAdminController.PROJECTIONS) {
            Long through = sample.through().get(name);
            if (through == null) {
                watch.forget(name);
                continue;
            }
            ProgressWatch.Change change = watch.observe(name, through, sample.head(), sample.takenAt());
            if (change == ProgressWatch.Change.STOPPED_ADVANCING) {
                ProgressWatch.NotAdvancing n = watch.notAdvancing(name, sample.takenAt()).orElseThrow();
                log.error("The {} projection has not advanced since {}: it stands at {} with {} events behind (head {}). Its processor may be "
                                + "stopped or without a thread, retrying a failure, or waiting on an event the store's reader cannot read; the log "
                                + "of the instance holding its claim names the failure (GET /api/admin/projections/{} shows who holds it).",
                        name, n.since(), n.through(), n.behind(), n.head(), name);
            } else if (change == ProgressWatch.Change.ADVANCES_AGAIN) {
                log.info("The {} projection advances again (at {}, head {})", name, through, sample.head());
            }
        }
    }

    /**
     * UP while every projection advances or is caught up; DOWN with each projection that does not: its
     * {@code processedThrough}, {@code head}, {@code behind} and {@code notAdvancingSince}.
     */
    @Override
    public Health health() {
        Map<String, Object> stuck = watch.notAdvancing(ProjectionAdminController.PROJECTIONS, clock.instant());
        Health.Builder h = stuck.isEmpty() ? Health.up() : Health.down().withDetail("action",
                "GET /api/admin/projections/{name} shows where it stands and which instance holds it; that instance's log names the failure");
        return h.withDetail("notAdvancingAfter", bound.toString()).withDetails(stuck).build();
    }
}
