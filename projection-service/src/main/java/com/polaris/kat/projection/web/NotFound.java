package com.polaris.kat.projection.web;

/** What the path names does not exist; becomes a 404 problem. */
public class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }
}
