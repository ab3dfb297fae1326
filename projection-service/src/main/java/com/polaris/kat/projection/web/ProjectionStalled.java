package com.polaris.kat.projection.web;

/**
 * A rebuild asked of an instance whose processor for the projection can no longer claim a segment
 * ({@link com.polaris.kat.projection.streaming.StalledProcessors}); becomes {@code 503 urn:kat:problem:projection-stalled}
 * with {@code projection}, without Retry-After (a restart of the instance helps, waiting does not). Nothing was reset.
 */
public class ProjectionStalled extends RuntimeException {

    private final String projection;

    public ProjectionStalled(String message, String projection) {
        super(message);
        this.projection = projection;
    }

    public String projection() {
        return projection;
    }
}
