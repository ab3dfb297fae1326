package com.polaris.kat.projection.streaming;

import com.polaris.kat.projection.admin.ProjectionAdminController;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The overall health's {@code projections}: DOWN while a projection's processor on this instance is stopped or in error
 * (retrying). Not part of readiness: reads come from the shared tables and name their own staleness (503
 * projection-behind for a {@code minPosition} not reached), so a processor in error on every instance (an event every
 * projection failed on) had taken the whole read side out of the load balancer (a fresh reviewer's finding, 2026-12-06);
 * readiness is the database and {@code stalledProjections}. An event a projection parked in its dead-letter queue does not
 * make it DOWN (it goes on with everything else): the details show {@code parked} per projection, and the gauge
 * {@code kat.projection.parked.events} counts them, so a parked event and a stopped processor read differently.
 * <p>
 * Answers from memory only (the processors' status and {@link ProjectionFigures}' last sample, whose instant is the detail
 * {@code figuresTakenAt}; {@code parked} is left out before the first sample), never through the connection pool: while
 * PostgreSQL is away the probe answers at once (the readiness group's {@code db} check, a connection of its own with a
 * 2 s timeout, is what turns it DOWN), where reading the parked counts through the pool had made it wait 30 s and answer a
 * {@code database-unavailable} problem instead of the health JSON (a fresh reviewer's finding).
 */
@Component("projections")
public class ProjectionHealth implements HealthIndicator {

    private final ProjectionPositions positions;
    private final ProjectionFigures figures;

    public ProjectionHealth(ProjectionPositions positions, ProjectionFigures figures) {
        this.positions = positions;
        this.figures = figures;
    }

    @Override
    public Health health() {
        Health.Builder h = Health.up();
        ProjectionFigures.Sample sample = figures.last();
        for (String name : ProjectionAdminController.PROJECTIONS) {
            var p = positions.processor(name);
            boolean error = p.processingStatus().values().stream().anyMatch(s -> s.isErrorState());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("running", p.isRunning());
            details.put("error", error);
            // the cluster's position as the last sample read it (the same figure as the admin status and projectionProgress);
            // this instance's memory only before the first sample
            details.put("processedThrough", sample != null && sample.through().containsKey(name) ? sample.through().get(name)
                    : positions.processedThrough(name));
            if (sample != null) {
                details.put("parked", sample.parked().getOrDefault(name, 0L));
            }
            h.withDetail(name, details);
            if (!p.isRunning() || error) {
                h.down();
            }
        }
        if (sample != null) {
            h.withDetail("figuresTakenAt", sample.takenAt().toString());
        }
        return h.build();
    }
}
