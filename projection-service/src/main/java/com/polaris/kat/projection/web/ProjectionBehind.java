package com.polaris.kat.projection.web;

/** A query asked for a position the projection has not reached within the wait; becomes 503 with Retry-After. */
public class ProjectionBehind extends RuntimeException {
    public ProjectionBehind(String message) {
        super(message);
    }
}
