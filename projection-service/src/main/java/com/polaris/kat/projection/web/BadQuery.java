package com.polaris.kat.projection.web;

import java.util.regex.Pattern;

/**
 * A query parameter that cannot be used; becomes a 400 {@code invalid-query} problem whose {@code parameter} member
 * names the parameter when one is at fault (as the request-shape checks name it).
 */
public class BadQuery extends RuntimeException {

    private static final Pattern DIGITS = Pattern.compile("-?[0-9]+");

    private final String parameter;

    /** A query that is wrong as a whole (e.g. a combination of parameters); no {@code parameter} member. */
    public BadQuery(String message) {
        this(null, message);
    }

    /** @param parameter the query parameter at fault, for the problem's {@code parameter} member */
    public BadQuery(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The query parameter at fault, or null. */
    public String parameter() {
        return parameter;
    }

    /**
     * A query parameter that is a whole number from {@code min} to {@code max}, or the 400 {@code invalid-query} whose
     * detail says which of the two it is not (a number of digits beyond the range is out of range, not "no number").
     *
     * @param what what the number is, for the detail (e.g. "the KAT-Event-Position of a command's response"), or null
     * @throws BadQuery not a whole number, or one outside min..max
     */
    public static long wholeNumber(String name, String value, long min, long max, String what) {
        String v = given(name, value);
        String range = name + " must be a whole number from " + min + " to " + max + (what == null ? "" : " (" + what + ")");
        if (min >= 0 && v.startsWith("-") && DIGITS.matcher(v).matches()) {
            // a range from 0 or more: any minus is refused, "-0" and "-05" too (they had read as 0 and -5); a zero with a
            // sign is not "below" the range, it carries a sign the range has no use for (a fresh reviewer's wording)
            throw new BadQuery(name, range + "; " + shown(v) + (v.substring(1).chars().allMatch(c -> c == '0')
                    ? " has a minus sign: give the digits alone." : " is below it."));
        }
        if (!DIGITS.matcher(v).matches()) {
            throw new BadQuery(name, range + "; '" + shown(value) + "' is not a whole number in digits.");
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException beyondLong) {
            throw new BadQuery(name, range + "; " + shown(v) + " is " + (v.startsWith("-") ? "below" : "above") + " it.");
        }
        if (n < min || n > max) {
            throw new BadQuery(name, range + "; " + n + " is " + (n < min ? "below" : "above") + " it.");
        }
        return n;
    }

    /**
     * A query parameter's value as given: null when the parameter is absent (its default applies), the value itself
     * otherwise. A parameter given with an empty or blank value is not taken for an absent one: a client that sends
     * {@code minPosition=} meant a position (an unset variable, mostly), and reading without one would answer without
     * its write (a fresh reviewer's finding, 2026-12-01). Values are not stripped: {@code " 322"} is no number.
     *
     * @throws BadQuery 400 invalid-query naming the parameter, for an empty or blank value
     */
    public static String given(String name, String value) {
        return given(name, value, true);
    }

    /**
     * As {@link #given(String, String)}, for a parameter that may have no default (the CE roster's {@code from} and
     * {@code to}): then the refusal does not suggest leaving it out (a fresh reviewer's: leaving it out was refused too).
     */
    public static String given(String name, String value, boolean hasDefault) {
        if (value != null && value.isBlank()) {
            throw new BadQuery(name, name + " is empty: give a value" + (hasDefault ? ", or leave the parameter out for its default." : "."));
        }
        return value;
    }

    /** A value as a detail quotes it: the first 40 characters, then "…". */
    public static String shown(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
