package com.polaris.kat.projection.web;

/**
 * A rebuild asked while another is being started on this instance or the projection still replays; becomes
 * {@code 409 urn:kat:problem:rebuild-in-progress} with {@code projection}. Nothing was reset.
 */
public class RebuildInProgress extends RuntimeException {

    private final String projection;

    public RebuildInProgress(String message, String projection) {
        super(message);
        this.projection = projection;
    }

    public String projection() {
        return projection;
    }
}
