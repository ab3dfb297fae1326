package com.polaris.kat.projection.web;

import com.polaris.kat.projection.streaming.ProjectionTokens.Replay;

/**
 * A query of a view whose projection is replaying from the first event (rebuild or first start) and
 * has not yet reached the history it had when the replay began; becomes
 * {@code 503 urn:kat:problem:projection-rebuilding} with {@code Retry-After}.
 */
public class ProjectionRebuilding extends RuntimeException {

    private final Replay replay;

    public ProjectionRebuilding(Replay replay) {
        super(replay.started()
                ? "The " + replay.projection() + " view is being rebuilt from the first event (" + (replay.through() < 0
                ? "just begun: no event processed yet, up to position " + replay.until()
                : "through position " + replay.through() + " of " + replay.until()) + "); it answers again once complete. Retry shortly."
                : "The " + replay.projection() + " view has not been built yet (its projection has not started); retry shortly.");
        this.replay = replay;
    }

    public Replay replay() {
        return replay;
    }
}
