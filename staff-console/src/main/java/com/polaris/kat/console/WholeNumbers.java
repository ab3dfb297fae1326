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
     * @param typed    the text as typed (stripped)
     * @param notWhole the message for text that is no whole number at all
     * @return the message for {@code typed}, which {@link Integer#parseInt} refused
     */
    static String refusal(String typed, String notWhole) {
        if (typed.matches("[+-]?\\d+")) {
            return "'" + typed + "' is out of range: far " + (typed.startsWith("-") ? "less" : "more")
                    + " than this field allows (the console sends at most 2,147,483,647).";
        }
        return notWhole;
    }
}
