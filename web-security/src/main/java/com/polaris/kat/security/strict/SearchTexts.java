package com.polaris.kat.security.strict;

/**
 * The clinician search's limits on its text, the one definition the projection service's search and the staff console's
 * form both apply (docs/problems.md, {@code invalid-query}): at most {@link #MAX_LENGTH} characters as typed, the characters
 * that draw nothing ({@link InvisibleCharacters}) not counted; and enough to search with ({@link #enough}).
 */
public final class SearchTexts {

    private SearchTexts() {
    }

    /** The longest search text, in characters, those that draw nothing not counted. */
    public static final int MAX_LENGTH = 200;

    /** The text as typed: without the characters that draw nothing and the spaces around it (what {@link #MAX_LENGTH} counts). */
    public static String typed(String text) {
        return InvisibleCharacters.removed(text).strip();
    }

    /**
     * Whether a text is enough to search with: 2 letters or digits, or 1 Chinese, Japanese or Korean character (a Han
     * character, a kana, a Hangul syllable: 王 is a whole family name, where one Latin letter is in nearly every name).
     * Punctuation and symbols do not count ("''" or "__" searched for nothing a name is made of). The service asks it of the
     * text as names are searched (accents and invisible characters left out); the console of the text as typed.
     * Reason: a registrar's search for "王" was refused as too short, and "''" was taken as a search (fresh reviewers').
     */
    public static boolean enough(String text) {
        long count = lettersAndDigits(text);
        if (count != 1) {
            return count >= 2;
        }
        int only = text.codePoints().filter(Character::isLetterOrDigit).findFirst().orElseThrow();
        Character.UnicodeScript script = Character.UnicodeScript.of(only);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    /** How many letters and digits (Unicode's, any script) a text holds: what {@link #enough} counts. */
    public static long lettersAndDigits(String text) {
        return text.codePoints().filter(Character::isLetterOrDigit).count();
    }
}
