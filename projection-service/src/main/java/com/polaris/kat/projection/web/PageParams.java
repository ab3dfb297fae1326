package com.polaris.kat.projection.web;

/** page (from 0) and size (1 to 100, default 20) of a list; anything else is a 400 invalid-query problem. */
public record PageParams(int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;

    /**
     * The {@code page} (from 0, default 0) and {@code size} (1 to 100, default 20) query parameters.
     * 
     * @throws BadQuery 400 invalid-query when either is not a whole number in its range
     */
    public static PageParams parse(String page, String size) {
        int p = parseInt("page", page, 0, 0, Integer.MAX_VALUE);
        int s = parseInt("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        return new PageParams(p, s);
    }

    /** The rows before this page: page × size. */
    public long offset() {
        return (long) page * size;
    }

    /** This page of a list of {@code totalItems} items ({@link Page}, the one page shape). */
    public <T> Page<T> page(java.util.List<T> items, long totalItems) {
        return new Page<>(items, page, size, totalItems);
    }

    /** This page of a list held in memory (a short, fixed list). */
    public <T> Page<T> pageOf(java.util.List<T> all) {
        int from = (int) Math.min(all.size(), offset());
        return new Page<>(java.util.List.copyOf(all.subList(from, Math.min(all.size(), from + size))), page, size, all.size());
    }

    private static int parseInt(String name, String value, int dflt, int min, int max) {
        if (BadQuery.given(name, value) == null) {
            return dflt;
        }
        return (int) BadQuery.wholeNumber(name, value, min, max, null);
    }
}
