package com.polaris.kat.projection.streaming;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The projections' database figures are read by a task, never by a scrape: while the database does not answer, a scrape
 * still answers (a fresh reviewer's scrape had waited up to 360 s), and a reading older than three intervals is reported
 * as NaN, not as a frozen value.
 */
class ProjectionFiguresTest {

    private final Instant start = Instant.parse("2026-12-04T14:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(start);
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final java.util.List<Object> published = new java.util.ArrayList<>();

    private double gauge(String name, String projection) {
        return meters.get(name).tag("projection", projection).gauge().value();
    }



    private java.util.List<Object> answeringAgain() {
        return published.stream().filter(ProjectionFigures.DatabaseAnsweringAgain.class::isInstance).toList();
    }

    private ProjectionFigures figures(Supplier<ProjectionFigures.Sample> reader) {
        return new ProjectionFigures(reader, clock, Duration.ofSeconds(6), meters, published::add);
    }

    private ProjectionFigures.Sample reading(long registrationsBehind, long registrationsParked) {
        return new ProjectionFigures.Sample(now.get(), 100, Map.of("registrations", 100 - registrationsBehind, "audit", 100L),
                Map.of("registrations", registrationsBehind, "audit", 0L), Map.of("registrations", registrationsParked, "audit", 0L));
    }

    @Test
    void gaugesReportTheLastReadingUntilItIsStaleThenNaN() {
        AtomicReference<ProjectionFigures.Sample> next = new AtomicReference<>();
        ProjectionFigures figures = figures(() -> {
            ProjectionFigures.Sample s = next.get();
            if (s == null) {
                throw new org.springframework.jdbc.CannotGetJdbcConnectionException("Connection is not available, request timed out after 30000ms.");
            }
            return s;
        });
        assertThat(gauge("kat.projection.lag.events", "registrations")).as("nothing read yet").isNaN();
        assertThat(meters.get("kat.projection.figures.age.seconds").gauge().value()).isNaN();

        next.set(reading(42, 3));
        figures.refresh();
        assertThat(gauge("kat.projection.lag.events", "registrations")).isEqualTo(42.0);
        assertThat(gauge("kat.projection.parked.events", "registrations")).isEqualTo(3.0);
        assertThat(gauge("kat.projection.parked.events", "audit")).isEqualTo(0.0);
        assertThat(gauge("kat.projection.lag.events", "ledger")).as("a projection the reading leaves out has none").isEqualTo(0.0);

        // the database goes away: the reading fails, the last one stands until it is three intervals old
        next.set(null);
        now.set(start.plusSeconds(5));
        figures.refresh();
        assertThat(gauge("kat.projection.lag.events", "registrations")).isEqualTo(42.0);
        assertThat(meters.get("kat.projection.figures.age.seconds").gauge().value()).isEqualTo(5.0);
        now.set(start.plusSeconds(6));
        figures.refresh();
        assertThat(gauge("kat.projection.lag.events", "registrations")).isNaN();
        assertThat(gauge("kat.projection.parked.events", "registrations")).isNaN();
        assertThat(figures.parked("registrations")).isEmpty();
        assertThat(figures.last().parked()).as("the last reading is kept for readiness, with its instant").containsEntry("registrations", 3L);
        assertThat(meters.get("kat.projection.figures.age.seconds").gauge().value()).isEqualTo(6.0);

        assertThat(answeringAgain()).as("nothing answered again yet").isEmpty();
        assertThat(published).as("the one reading that succeeded, for the progress check").hasSize(1).allMatch(ProjectionFigures.Sample.class::isInstance);

        // back: the next reading is reported again, and the processors waiting to retry are told (RetryAfterOutage)
        next.set(reading(0, 3));
        figures.refresh();
        assertThat(answeringAgain()).containsExactly(new ProjectionFigures.DatabaseAnsweringAgain(start.plusSeconds(6)));
        figures.refresh();
        assertThat(answeringAgain()).as("once per outage").hasSize(1);
        assertThat(gauge("kat.projection.lag.events", "registrations")).isEqualTo(0.0);
        assertThat(meters.get("kat.projection.figures.age.seconds").gauge().value()).isEqualTo(0.0);
    }

    @Test
    void aScrapeDoesNotWaitForAReadingTheDatabaseHolds() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        AtomicReference<Boolean> first = new AtomicReference<>(true);
        ProjectionFigures figures = figures(() -> {
            if (first.getAndSet(false)) {
                return reading(7, 1);
            }
            reading.countDown();
            try {
                released.await(); // as a connection the pool does not hand out while PostgreSQL is away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new org.springframework.jdbc.CannotGetJdbcConnectionException("Connection is not available");
        });
        figures.refresh();
        Thread task = new Thread(figures::refresh, "figures-task");
        task.start();
        reading.await();
        // the task is held in the database: a scrape reads the last reading (it would hang here if it read the database)
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(gauge("kat.projection.lag.events", "registrations")).isEqualTo(7.0);
            assertThat(gauge("kat.projection.parked.events", "registrations")).isEqualTo(1.0);
        });
        released.countDown();
        task.join();
    }
}
