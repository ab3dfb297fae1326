package com.polaris.kat.security.strict;

/**
 * Which header names and values the security firewall lets through: Spring Security's own rule for
 * {@link org.springframework.security.web.firewall.StrictHttpFirewall} (every character assigned in Unicode and not
 * a control character; a value may also hold a tab), checked with a loop over the code points instead of the
 * firewall's regular expressions. Reason (issue 12's allocation profile): the firewall checks a header every time any
 * filter reads it, and each regular-expression check made a matcher; the header checks were about a third of what a
 * registration allocated, in the service and in the state-stored peer alike. The rule stays Spring's:
 * {@code HeaderCharactersTest} compares both on every character.
 */
public final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** Spring Security's {@code StrictHttpFirewall.ALLOWED_HEADER_NAMES}: assigned and not a control character. */
    public static boolean allowedName(String name) {
        return allAllowed(name, false);
    }

    /** Spring Security's {@code StrictHttpFirewall.ALLOWED_HEADER_VALUES}: assigned and not a control character, or a tab. */
    public static boolean allowedValue(String value) {
        return allAllowed(value, true);
    }

    private static boolean allAllowed(String s, boolean tab) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!(cp == '\t' && tab)) {
                int type = Character.getType(cp);
                if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                    return false;
                }
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
