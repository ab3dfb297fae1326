package com.polaris.kat.security.strict;

import java.util.function.IntFunction;

/**
 * Unicode's bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069; the "Trojan Source" class,
 * CVE-2021-42574): text holding one reads otherwise than it was written. The one definition the services' request text
 * check ({@code StorableText}), their problem documents ({@link Problems#withoutBidiControls}) and the staff console's pages
 * use. The directional marks U+200E and U+200F reorder nothing and are not among them.
 */
public final class BidiControls {

    private BidiControls() {
    }

    /** Whether {@code c} is an embedding, override or isolate control. */
    public static boolean is(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** {@code text} with each such control replaced by {@code with.apply(control)}; the same instance when it has none; null stays null. */
    public static String replaced(String text, IntFunction<String> with) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (is(c) && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                out.append(is(c) ? with.apply(c) : Character.toString(c));
            }
        }
        return out == null ? text : out.toString();
    }
}
