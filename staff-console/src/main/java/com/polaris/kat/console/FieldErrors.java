package com.polaris.kat.console;

import org.springframework.ui.Model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's refusal shown on the form that caused it: at the field the problem concerns (by its
 * type slug or the parameter it names), else at the top of the form. Nothing refused is shown as done.
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
        Map<String, String> errors = new LinkedHashMap<>();
        String field = field(p, fieldBySlugWord);
        if (field != null) {
            errors.put(field, p.detail());
        } else {
            model.addAttribute("formError", p.title() + ": " + p.detail());
        }
        model.addAttribute("errors", errors);
        model.addAttribute("problem", p);
    }

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
