package com.polaris.kat.projection.streaming;

import com.polaris.kat.projection.admin.ProjectionAdminController;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Readiness: every projection's processor is running and not in error. An event a projection parked
 * in its dead-letter queue does not make it unready (it goes on with everything else): the details
 * show {@code parked} per projection, and the gauge {@code kat.projection.parked.events} counts them,
 * so a parked event and a stopped processor read differently. Metrics: each projection's lag in
 * events behind the head of the event store ({@code kat.projection.lag.events}).
 */
@Component("projections")
public class ProjectionHealth implements HealthIndicator {

    private final ProjectionPositions positions;
    private final ParkedEvents parked;

    public ProjectionHealth(ProjectionPositions positions, ParkedEvents parked, MeterRegistry meters) {
        this.positions = positions;
        this.parked = parked;
        for (String name : ProjectionAdminController.PROJECTIONS) {
            Gauge.builder("kat.projection.lag.events", () -> lag(name)).tag("projection", name)
                    .description("events in the store not yet processed by the projection").register(meters);
        }
    }

    private double lag(String name) {
        return positions.status(name).behind();
    }

    @Override
    public Health health() {
        Health.Builder h = Health.up();
        for (String name : ProjectionAdminController.PROJECTIONS) {
            var p = positions.processor(name);
            boolean error = p.processingStatus().values().stream().anyMatch(s -> s.isErrorState());
            h.withDetail(name, Map.of("running", p.isRunning(), "error", error, "processedThrough", positions.processedThrough(name),
                    "parked", parked.count(name)));
            if (!p.isRunning() || error) {
                h.down();
            }
        }
        return h.build();
    }
}
