package com.polaris.kat.security.strict;

/**
 * Unicode's default-ignorable code points (DerivedCoreProperties.txt, {@code Default_Ignorable_Code_Point}, Unicode 15):
 * characters that draw nothing (soft hyphen, combining grapheme joiner, zero-width space, non-joiner and joiner, the
 * directional marks and controls, word joiner and invisible operators, variation selectors, fillers, BOM, tags), and
 * U+2800 BRAILLE PATTERN BLANK and U+1D159 MUSICAL SYMBOL NULL NOTEHEAD, which draw nothing though Unicode does not list
 * them (fresh reviewers' refund reference and reason). The one
 * list the comparisons that must not tell "re_1" from "re_1" + U+FE0F (a processor's refund reference; {@link #comparable}),
 * the clinician search and the PDFs (which do not draw them) use.
 */
public final class InvisibleCharacters {

    private InvisibleCharacters() {
    }

    /** The ranges, first and last code point of each. */
    public static final int[][] RANGES = {{0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x061C, 0x061C}, {0x115F, 0x1160}, {0x17B4, 0x17B5},
            {0x180B, 0x180F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x206F}, {0x2800, 0x2800}, {0x3164, 0x3164}, {0xFE00, 0xFE0F},
            {0xFEFF, 0xFEFF}, {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3}, {0x1D159, 0x1D159}, {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF}};

    /** Whether {@code cp} is one of them. */
    public static boolean is(int cp) {
        for (int[] r : RANGES) {
            if (cp >= r[0] && cp <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code text} as it reads, for comparing identifiers a person typed or pasted (a processor's reference, an e-mail address,
     * a license number): Unicode NFKC (full-width letters and digits as plain ones), without these characters anywhere, and
     * without the spaces around it, a no-break or ideographic space included. Case is the caller's. Null stays null.
     */
    public static String comparable(String text) {
        if (text == null) {
            return null;
        }
        return stripped(removed(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)));
    }

    /**
     * {@code text} without the spaces around it: white space ({@link Character#isWhitespace}) and the space separators Java's
     * {@link String#strip()} leaves, the no-break spaces U+00A0, U+2007 and U+202F (a fresh reviewer's name pasted with one
     * printed it on a certificate). Inner spaces stay as given; null stays null.
     */
    public static String stripped(String text) {
        if (text == null) {
            return null;
        }
        int from = 0;
        int to = text.length();
        while (from < to && space(text.charAt(from))) {
            from++;
        }
        while (to > from && space(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }

    /**
     * Whether {@code text} says nothing a reader could see: null, or no code point that is a letter, a digit or other
     * number, a punctuation mark or a symbol (Unicode general categories L, N, P, S) and not one of these characters or
     * U+FFFC OBJECT REPLACEMENT (a placeholder for something not there). So white space of any kind, controls (C0, DEL,
     * C1), format characters (U+0600, the interlinear annotation marks U+FFF9–U+FFFB), private-use and unassigned code
     * points, noncharacters and marks with nothing to sit on are blank, alone or together. A required reason or title
     * that is blank so is refused as an empty one is: fresh reviewers' reasons U+200B, U+0085 U+009B, U+007F and U+E000
     * had been recorded.
     */
    public static boolean blank(CharSequence text) {
        return text == null || text.codePoints().noneMatch(cp -> cp != 0xFFFC && !is(cp) && readable(Character.getType(cp)));
    }

    /** Whether characters of this general category can be read on their own: letters, numbers, punctuation, symbols. */
    private static boolean readable(int category) {
        return switch (category) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                 Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                 Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                 Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    private static boolean space(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** {@code text} without them; the same instance when it has none; null stays null. */
    public static String removed(String text) {
        if (text == null || text.codePoints().noneMatch(InvisibleCharacters::is)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !is(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }
}
