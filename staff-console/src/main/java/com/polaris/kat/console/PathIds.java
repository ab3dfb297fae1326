package com.polaris.kat.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ids a form's input puts into a service's path (a registration id, a clinician id): the services take 1 to the id's
 * most characters of {@code A-Z a-z 0-9 . _ ~ : -} (docs/problems.md, {@code invalid-path}). The console checks them
 * before sending, and shows a refusal of either in the form's words at the input (a fresh reviewer found a too-long
 * id shown as "The path parameter 'registrationId' must be 1 to 36 of the characters ...; check the id in the path").
 */
final class PathIds {

    /** Registration and clinician ids (the services' limit for them). */
    static final int REGISTRATION_OR_CLINICIAN = 36;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~:-]+");
    private static final Pattern MOST = Pattern.compile("must be 1 to (\\d+) of the characters");

    private PathIds() {
    }

    /**
     * Why the typed id (already stripped) cannot be an id, in the form's words ("A registration id is at most 36
     * characters; this one has 41."), or null when it can; a blank one is the caller's to ask for.
     */
    static String refusal(String label, String typed, int most) {
        if (typed.isEmpty()) {
            return null;
        }
        if (typed.length() > most) {
            return article(label) + " is at most " + most + " characters; this one has " + typed.length() + ": check it.";
        }
        if (!ID.matcher(typed).matches()) {
            int bad = typed.codePoints().filter(c -> !ID.matcher(Character.toString(c)).matches()).findFirst().orElse('?');
            return article(label) + " has only letters, digits and . _ ~ : -; this one has " + (Character.isWhitespace(bad) ? "a space"
                    : Character.isISOControl(bad) ? "a control character" : "'" + Character.toString(bad) + "'") + ": check it.";
        }
        return null;
    }

    /** Whether {@code id} holds only the characters the services' ids have (A-Z a-z 0-9 . _ ~ : -); false for an empty one. */
    static boolean hasIdCharactersOnly(String id) {
        return ID.matcher(id).matches();
    }

    /** A service's {@code invalid-path} refusal of the id as the form says it: the id's rule, not the path parameter's name. */
    static String words(ServiceProblem p, String label) {
        Matcher most = MOST.matcher(p.detail());
        return "Check the " + label + ": " + (most.find() ? "an id is 1 to " + most.group(1) + " characters, " : "an id has ")
                + "letters, digits and . _ ~ : - only.";
    }

    private static String article(String label) {
        return "A " + label;
    }
}
