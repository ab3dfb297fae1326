package com.polaris.kat.projection.web;

/**
 * A rebuild this instance refuses about the projection itself, with {@code projection} in the problem; nothing was reset:
 * {@link #inProgress} ({@code 409 rebuild-in-progress}: one of it is being started here, or it still replays) and
 * {@link #stalled} ({@code 503 projection-stalled}, without Retry-After: its processor can no longer claim a segment here,
 * {@link com.polaris.kat.projection.streaming.StalledProcessors}; a restart helps, waiting does not).
 */
public class RebuildRefused extends RuntimeException {

    private final int status;
    private final String slug;
    private final String projection;

    private RebuildRefused(int status, String slug, String message, String projection) {
        super(message);
        this.status = status;
        this.slug = slug;
        this.projection = projection;
    }

    /** 409 rebuild-in-progress. */
    public static RebuildRefused inProgress(String message, String projection) {
        return new RebuildRefused(409, "rebuild-in-progress", message, projection);
    }

    /** 503 projection-stalled. */
    public static RebuildRefused stalled(String message, String projection) {
        return new RebuildRefused(503, "projection-stalled", message, projection);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String projection() {
        return projection;
    }
}
