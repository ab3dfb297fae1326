package com.polaris.kat.projection.web;

/**
 * What the path names does not exist; becomes a 404 {@code not-found} problem ({@link QueryProblems}). Most of what
 * the read side answers for (a registration, a series, a CE record) is made by a command: such a 404 for a query
 * without {@code minPosition} adds that it may not be visible yet and how to read it once it is (a fresh reviewer's
 * finding: the transcript's 404 said nothing of it); with {@code minPosition} the view holds every event up to it, so
 * nothing is added.
 */
public class NotFound extends RuntimeException {

    private final boolean writtenByCommands;
    private final String slug;

    /** Something a command writes (a registration, a series, a CE record) is not in the view. */
    public NotFound(String message) {
        this("not-found", message, true);
    }

    private NotFound(String slug, String message, boolean writtenByCommands) {
        super(message);
        this.slug = slug;
        this.writtenByCommands = writtenByCommands;
    }

    /** A name no command writes (a projection's name, a path's form) names nothing: no hint about visibility. */
    public static NotFound ofName(String message) {
        return new NotFound("not-found", message, false);
    }

    /**
     * What a command writes is not in the view, as a 404 of its own type (docs/problems.md), e.g. {@code clinician-not-found}
     * for an id no registration names, so that a client tells it apart from a known one without the thing asked for.
     */
    public static NotFound ofType(String slug, String message) {
        return new NotFound(slug, message, true);
    }

    /** The problem type's slug: {@code not-found} unless {@link #ofType} named another. */
    public String slug() {
        return slug;
    }

    /** Whether what was not found is written by commands (and may not be visible yet to a read without minPosition). */
    public boolean writtenByCommands() {
        return writtenByCommands;
    }
}
