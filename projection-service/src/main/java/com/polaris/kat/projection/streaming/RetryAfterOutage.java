package com.polaris.kat.projection.streaming;

import com.polaris.kat.projection.admin.ProjectionAdminController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * When the database answers again after an outage ({@link ProjectionFigures.DatabaseAnsweringAgain}), restarts each
 * projection's processor that waits to retry after a failure, so it goes on at once from its stored token. Axon's tracking
 * processor doubles its wait after each failed attempt up to 60 s, so after an outage of some minutes the views had stayed
 * still for up to a minute after PostgreSQL was back (a fresh reviewer saw 63 s). A processor that is not in error is left
 * alone, and so is one whose failure has another cause than the outage: only the outage's end triggers a restart, once.
 */
@Component
public class RetryAfterOutage {

    private static final Logger log = LoggerFactory.getLogger(RetryAfterOutage.class);

    private final ProjectionPositions positions;

    public RetryAfterOutage(ProjectionPositions positions) {
        this.positions = positions;
    }

    @EventListener
    void on(ProjectionFigures.DatabaseAnsweringAgain answering) {
        List<String> restarted = restartRetrying();
        if (!restarted.isEmpty()) {
            log.info("The database answers again: restarted the processors of {} (they were waiting to retry)", restarted);
        }
    }

    /**
     * Restarts (shut down, then start: it claims its segments again and resumes from its stored tokens) every projection's
     * processor with a segment in error on this instance.
     *
     * @return the projections restarted, in {@link ProjectionAdminController#PROJECTIONS} order
     */
    public List<String> restartRetrying() {
        List<String> restarted = new ArrayList<>();
        for (String name : ProjectionAdminController.PROJECTIONS) {
            ProjectionPositions.Retrying retrying = positions.retrying(name);
            if (retrying != null) {
                positions.restartingToRetry(name, retrying);
                restarted.add(name);
            }
        }
        return restarted;
    }
}
