package com.polaris.kat.console;

/**
 * What the console says when a field that takes a whole number (a capacity, a series number, minutes, places) cannot be
 * read as one it can send (a Java {@code int}): a whole number beyond that range is out of range, not "not a whole
 * number" (a fresh reviewer's 99999999999). The range each field allows is the service's rule, stated in its answer to
 * any number the console can send.
 */
final class WholeNumbers {

    private WholeNumbers() {
    }

    /**
     * The whole number typed, in ASCII digits with an optional sign, as {@link Integer#parseInt} reads it; any other text,
     * full-width or other scripts' digits included, is {@link NumberFormatException} (a fresh reviewer's full-width "２６"
     * scheduled Series 26, while the service's paths and the console's prices refuse such digits). A sign, leading zeros and
     * surrounding spaces are read as a person typing into a form means them ("+2", "02" and " 2 " are 2; docs/decisions.md),
     * though the API's JSON has no such numbers.
     *
     * @param typed the text as typed (stripped)
     * @throws NumberFormatException when it is not such a whole number, or out of {@code int}'s range
     */
    static int parse(String typed) {
        if (!digits(typed)) {
            throw new NumberFormatException("not a whole number in digits 0-9: " + typed);
        }
        return Integer.parseInt(typed);
    }

    /** Whether {@code typed} is a whole number written in ASCII digits 0-9 with an optional sign (of any size). */
    static boolean digits(String typed) {
        return typed != null && typed.matches("[+-]?[0-9]+");
    }

    /**
     * @param typed    the text as typed (stripped)
     * @param notWhole the message for text that is no whole number at all
     * @return the message for {@code typed}, which {@link #parse} refused
     */
    static String refusal(String typed, String notWhole) {
        return refusal(typed, notWhole, null);
    }

    /**
     * @param typed    the text as typed (stripped)
     * @param notWhole the message for text that is no whole number at all
     * @param allowed  what the field allows, in words, where the page states it (e.g. the offer window's "1 to 43200 minutes
     *                 (30 days)", its label's), said for a number out of range instead of the console's own limit (a fresh
     *                 reviewer read "at most 2,147,483,647" beside a label saying 1 to 43200); null to say the console's limit
     * @return the message for {@code typed}, which {@link #parse} refused
     */
    static String refusal(String typed, String notWhole, String allowed) {
        if (digits(typed) && allowed != null) {
            return "'" + typed + "' is out of range: the field allows " + allowed + ".";
        }
        if (digits(typed)) {
            return "'" + typed + "' is out of range: far " + (typed.startsWith("-") ? "less" : "more")
                    + " than this field allows (the console sends at most 2,147,483,647).";
        }
        return notWhole;
    }
}
