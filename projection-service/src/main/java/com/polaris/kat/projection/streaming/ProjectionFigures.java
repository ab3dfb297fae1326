package com.polaris.kat.projection.streaming;

import com.polaris.kat.projection.admin.ProjectionAdminController;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The projections' figures that come from the database, for the metrics and the readiness probe: how many events each
 * projection is behind the event store's head ({@code kat.projection.lag.events}) and how many it has parked
 * ({@code kat.projection.parked.events}), both tagged {@code projection}. One task reads them every
 * {@code kat.projections.figures-interval-ms} (2,000 ms; two statements: the store's head and the parked events counted
 * by projection), off the scrape's and the probe's threads, which only read the last sample: while PostgreSQL is away a
 * scrape and a probe answer at once. They had read the database themselves, each through the pool, so each waited out
 * the pool's 30 s connection timeout: a fresh reviewer's scrape took up to 360 s during an outage (12 gauges) and the
 * probe 30 s, the metrics missing exactly when they were needed.
 * <p>
 * A sample older than three intervals is stale (the database did not answer since): both gauges are then NaN (not the
 * last value, which would show a frozen lag as if it were current), and {@code kat.projection.figures.age.seconds} says
 * how old the last sample is (NaN before the first). Readiness shows the last counts with their sample's instant.
 */
@Component
public class ProjectionFigures {

    private static final Logger log = LoggerFactory.getLogger(ProjectionFigures.class);

    /**
     * One reading of the figures.
     *
     * @param takenAt when it was read (UTC)
     * @param head    the event store's head, its highest global index (-1: empty)
     * @param through projection → the global index it has processed through in the cluster (-1: nothing;
     *                {@link ProjectionPositions#processedThrough(String, Supplier)})
     * @param behind  projection → events between what it has processed and the store's head
     * @param parked  projection → events it has parked (0 for one with none)
     */
    public record Sample(Instant takenAt, long head, Map<String, Long> through, Map<String, Long> behind, Map<String, Long> parked) {
    }

    /** Published when a reading succeeds after one or more failed: the database answers again ({@link RetryAfterOutage}). */
    public record DatabaseAnsweringAgain(Instant at) {
    }

    private final Supplier<Sample> reader;
    private final java.util.function.Consumer<Object> publisher;
    private final Clock clock;
    private final Duration stale;
    private volatile Sample last;
    private volatile boolean failing;

    @Autowired
    public ProjectionFigures(ProjectionPositions positions, ParkedEvents parked, ProjectionTokens tokens, MeterRegistry meters,
                             @Value("${kat.projections.figures-interval-ms:2000}") long intervalMs,
                             org.springframework.context.ApplicationEventPublisher events) {
        this(() -> read(positions, parked, tokens, Clock.systemUTC()), Clock.systemUTC(), Duration.ofMillis(3 * intervalMs), meters,
                events::publishEvent);
    }

    /**
     * @param reader    reads a sample (may throw, or take as long as the database makes it wait)
     * @param clock     the clock samples' ages are measured by
     * @param stale     the age from which a sample is no longer reported
     * @param publisher receives each sample read ({@link ProjectionProgress} watches them) and {@link DatabaseAnsweringAgain}
     */
    public ProjectionFigures(Supplier<Sample> reader, Clock clock, Duration stale, MeterRegistry meters,
                             java.util.function.Consumer<Object> publisher) {
        this.reader = reader;
        this.publisher = publisher;
        this.clock = clock;
        this.stale = stale;
        for (String name : ProjectionAdminController.PROJECTIONS) {
            Gauge.builder("kat.projection.lag.events", () -> nanWhenUnknown(behind(name))).tag("projection", name)
                    .description("events in the store not yet processed by the projection (NaN while the database does not answer)")
                    .register(meters);
            Gauge.builder("kat.projection.parked.events", () -> nanWhenUnknown(parked(name))).tag("projection", name)
                    .description("events the projection parked in its dead-letter queue (NaN while the database does not answer)")
                    .register(meters);
        }
        Gauge.builder("kat.projection.figures.age.seconds", this::ageSeconds)
                .description("seconds since the projections' lag and parked counts were last read from the database").register(meters);
    }

    private static Sample read(ProjectionPositions positions, ParkedEvents parked, ProjectionTokens tokens, Clock clock) {
        long head = positions.head();
        Map<String, Long> counts = parked.counts();
        Map<String, Long> throughBy = new TreeMap<>();
        Map<String, Long> behind = new TreeMap<>();
        Map<String, Long> parkedBy = new TreeMap<>();
        for (String name : ProjectionAdminController.PROJECTIONS) {
            // the cluster's position: the claim holder's on a stand-by instance, the stored token's while retrying
            long through = positions.processedThrough(name, () -> tokens.segments(name));
            throughBy.put(name, through);
            behind.put(name, head < 0 ? 0 : Math.max(0, head - through));
            parkedBy.put(name, counts.getOrDefault(name, 0L));
        }
        return new Sample(clock.instant(), head, throughBy, behind, parkedBy);
    }

    /** Reads the figures again (the scheduled task; a failure keeps the last sample, which turns stale). */
    @Scheduled(fixedDelayString = "${kat.projections.figures-interval-ms:2000}")
    public void refresh() {
        try {
            last = reader.get();
            publisher.accept(last);
            if (failing) {
                log.info("The projections' lag and parked counts are read from the database again");
                failing = false;
                publisher.accept(new DatabaseAnsweringAgain(clock.instant()));
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("The projections' lag and parked counts could not be read ({}); their gauges are NaN once the last reading "
                        + "is {} s old", e.toString(), stale.toSeconds());
                failing = true;
            }
        }
    }

    /** The last sample, stale or not; null before the first. */
    public Sample last() {
        return last;
    }

    /** Events the projection is behind the store's head, as of a sample that is not stale; empty otherwise. */
    public OptionalLong behind(String projection) {
        Sample s = current();
        return s == null ? OptionalLong.empty() : OptionalLong.of(s.behind().getOrDefault(projection, 0L));
    }

    /** Events the projection has parked, as of a sample that is not stale; empty otherwise. */
    public OptionalLong parked(String projection) {
        Sample s = current();
        return s == null ? OptionalLong.empty() : OptionalLong.of(s.parked().getOrDefault(projection, 0L));
    }

    private Sample current() {
        Sample s = last;
        return s == null || !Duration.between(s.takenAt(), clock.instant()).minus(stale).isNegative() ? null : s;
    }

    private double ageSeconds() {
        Sample s = last;
        return s == null ? Double.NaN : Duration.between(s.takenAt(), clock.instant()).toMillis() / 1000.0;
    }

    private static double nanWhenUnknown(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : Double.NaN;
    }
}
