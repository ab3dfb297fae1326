package com.polaris.kat.projection.web;

import java.util.Map;

/**
 * A rebuild asked of an instance that does not hold every claim of the projection; becomes
 * {@code 409 urn:kat:problem:rebuild-elsewhere}, with {@code node} (this instance) and {@code owners}
 * (segment to the node holding its claim, or null where nobody does).
 */
public class RebuildElsewhere extends RuntimeException {

    private final String node;
    private final Map<Integer, String> owners;

    public RebuildElsewhere(String message, String node, Map<Integer, String> owners) {
        super(message);
        this.node = node;
        this.owners = owners;
    }

    public String node() {
        return node;
    }

    public Map<Integer, String> owners() {
        return owners;
    }
}
