package com.polaris.kat.console;

import org.springframework.ui.Model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's refusal shown on the form that caused it: at the field the problem concerns (the fields a malformed
 * request names, the parameter it names, or its type slug), else at the top of the form. Nothing refused is shown as done.
 */
public final class FieldErrors {

    private FieldErrors() {
    }

    /**
     * Puts {@code errors} (field → message) and {@code formError} into the model.
     *
     * @param fieldBySlugWord a word of the problem's slug (e.g. "capacity" in "invalid-capacity") → the form field
     */
    public static void show(Model model, ServiceProblem p, Map<String, String> fieldBySlugWord) {
        // each field a malformed request names (400 invalid-request lists them) at its own field, as the problem's slug or
        // parameter places a rule's refusal; a field the form does not have, or none, at the top (a fresh reviewer's blank
        // capacity reason was shown at the top only, while the offer window form showed the same refusal at its field)
        Map<String, String> errors = new LinkedHashMap<>(p.messagesByField(fieldBySlugWord, FORM));
        String elsewhere = errors.remove(FORM);
        if (errors.isEmpty()) {
            model.addAttribute("formError", p.title() + ": " + p.detail());
        } else if (elsewhere != null) {
            model.addAttribute("formError", p.title() + ": " + elsewhere);
        }
        model.addAttribute("errors", errors);
        model.addAttribute("problem", p);
    }

    /** The key under which {@link ServiceProblem#messagesByField} gathers the messages of fields the form does not have. */
    private static final String FORM = "";

    /** The form field a problem concerns (the parameter it names, else a word of its slug), or null for the form as a whole. */
    public static String field(ServiceProblem p, Map<String, String> fieldBySlugWord) {
        if (p.parameter() != null && fieldBySlugWord.containsValue(p.parameter())) {
            return p.parameter();
        }
        for (Map.Entry<String, String> e : fieldBySlugWord.entrySet()) {
            if (p.slug().contains(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }
}
