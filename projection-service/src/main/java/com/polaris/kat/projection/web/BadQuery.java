package com.polaris.kat.projection.web;

/** A query parameter that cannot be used; becomes a 400 problem. */
public class BadQuery extends RuntimeException {
    public BadQuery(String message) {
        super(message);
    }
}
