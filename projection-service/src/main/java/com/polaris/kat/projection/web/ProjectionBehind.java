package com.polaris.kat.projection.web;

/**
 * A query asked for a position the projection has not reached within the wait (503 with Retry-After), or one at or after
 * an event the projection parked (503 naming the projection and the position, without Retry-After).
 */
public class ProjectionBehind extends RuntimeException {

    private final String parkedIn;
    private final Long parkedAt;

    /** The view has not reached the position yet: a retry after a moment may find it (503 with Retry-After). */
    public ProjectionBehind(String message) {
        this(message, null, null);
    }

    /**
     * The view holds a parked event at or before the position: it lacks it until an administrator retries it, so the
     * answer carries no Retry-After, and names the projection ({@code projection}) and the position ({@code parkedAt}).
     */
    public ProjectionBehind(String message, String parkedIn, Long parkedAt) {
        super(message);
        this.parkedIn = parkedIn;
        this.parkedAt = parkedAt;
    }

    /** The projection holding the parked event, or null when the view is merely behind. */
    public String parkedIn() {
        return parkedIn;
    }

    /** The parked event's position, or null when the view is merely behind. */
    public Long parkedAt() {
        return parkedAt;
    }
}
