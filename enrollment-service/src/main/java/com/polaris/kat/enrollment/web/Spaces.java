package com.polaris.kat.enrollment.web;

/**
 * Space around entered text, removed: {@link String#strip()} removes what {@link Character#isWhitespace} calls white space,
 * which leaves the no-break spaces (U+00A0, U+2007, U+202F), so a name or license number pasted with one kept it and printed
 * it on certificates (a fresh reviewer's {@code "\u00a0RN-4"}). Inner spaces stay as given.
 */
public final class Spaces {

    private Spaces() {
    }

    /**
     * @param text entered text, or null
     * @return {@code text} without any white space or space separator (Unicode Zs, Zl, Zp) at either end; null for null
     */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        int start = 0, end = text.length();
        while (start < end && space(text.charAt(start))) {
            start++;
        }
        while (end > start && space(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean space(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
