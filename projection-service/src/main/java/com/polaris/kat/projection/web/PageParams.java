package com.polaris.kat.projection.web;

/** page (from 0) and size (1 to 100, default 20) of a list; anything else is a 400 problem. */
public record PageParams(int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;

    public static PageParams parse(String page, String size) {
        int p = parseInt("page", page, 0);
        int s = parseInt("size", size, DEFAULT_SIZE);
        if (p < 0) {
            throw new BadQuery("page must be 0 or more.");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new BadQuery("size must be between 1 and " + MAX_SIZE + ".");
        }
        return new PageParams(p, s);
    }

    public long offset() {
        return (long) page * size;
    }

    /** The one shape of a page in every list response: items, page, size, totalItems (after any fields given first). */
    public java.util.Map<String, Object> result(java.util.Map<String, Object> leading, java.util.List<?> items, long totalItems) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(leading);
        m.put("items", items);
        m.put("page", page);
        m.put("size", size);
        m.put("totalItems", totalItems);
        return m;
    }

    public java.util.Map<String, Object> result(java.util.List<?> items, long totalItems) {
        return result(java.util.Map.of(), items, totalItems);
    }

    private static int parseInt(String name, String value, int dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BadQuery(name + " must be a whole number, not '" + value + "'.");
        }
    }
}
