package com.polaris.kat.projection.web;

import com.polaris.kat.projection.streaming.ProjectionPositions;
import org.springframework.stereotype.Component;

/** Read-your-writes for the query endpoints: waits for the projection to reach {@code minPosition}. */
@Component
public class Freshness {

    private final ProjectionPositions positions;

    public Freshness(ProjectionPositions positions) {
        this.positions = positions;
    }

    public void require(String projection, String minPosition) {
        if (minPosition == null || minPosition.isBlank()) {
            return;
        }
        long p;
        try {
            p = Long.parseLong(minPosition.strip());
        } catch (NumberFormatException e) {
            throw new BadQuery("minPosition must be a whole number (the KAT-Event-Position of a command's response).");
        }
        if (!positions.awaitProcessed(projection, p)) {
            throw new ProjectionBehind("The " + projection + " view has not reached position " + p + " yet; retry shortly.");
        }
    }
}
