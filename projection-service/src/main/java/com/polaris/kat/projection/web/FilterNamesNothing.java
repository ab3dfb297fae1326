package com.polaris.kat.projection.web;

/**
 * A query parameter that filters by an id (a {@code seriesId}) names nothing the read side knows: a 404
 * problem of the id's own type (e.g. {@code series-not-found}) with {@code parameter} naming it, rather than
 * an empty answer that reads as "nothing happened there". Thrown inside {@link Freshness#read}, so a caller
 * who passes the command's {@code minPosition} is answered only after the view reached it (a series just
 * scheduled is then found).
 */
public class FilterNamesNothing extends RuntimeException {

    private final String slug;
    private final String parameter;

    /**
     * @param slug      the problem type's slug (docs/problems.md), e.g. {@code series-not-found}
     * @param parameter the query parameter, e.g. {@code seriesId}
     * @param message   the problem's detail: what was not found and what to do
     */
    public FilterNamesNothing(String slug, String parameter, String message) {
        super(message);
        this.slug = slug;
        this.parameter = parameter;
    }

    public String slug() {
        return slug;
    }

    public String parameter() {
        return parameter;
    }
}
