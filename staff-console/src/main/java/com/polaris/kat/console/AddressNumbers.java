package com.polaris.kat.console;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;

/**
 * The console reads a whole number in its addresses and hidden form fields ({@code page}, a series number in
 * {@code /series/20}, {@code seriesNumber}) as the services read theirs: 1 to 10 decimal digits, nothing else (no sign,
 * no spaces), within {@code int}; anything else is the 400 page naming the parameter ({@code invalid-query}, or
 * {@code invalid-path} for a path segment: {@code ConsolePages.Common#badParameter}). Reason: Spring reads "+20" and "-0" as
 * numbers, so the console showed Series 20 at {@code /series/+20}, which the services answer {@code 400 invalid-path}
 * (a fresh reviewer's finding; docs/problems.md: digits only). An editor, not a converter: Spring falls back to its own
 * number parsing when a converter refuses.
 */
@ControllerAdvice
public class AddressNumbers {

    @InitBinder
    void digitsOnly(WebDataBinder binder) {
        PropertyEditorSupport editor = new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(parse(text));
            }
        };
        binder.registerCustomEditor(int.class, editor);
        binder.registerCustomEditor(Integer.class, editor);
    }

    /**
     * @param text the address's or form's text
     * @return its number
     * @throws IllegalArgumentException (Spring's type mismatch, a 400 page) when it is not 1 to 10 digits or exceeds 2147483647
     */
    static Integer parse(String text) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a whole number in digits: " + text);
        }
        return Integer.valueOf(text); // NumberFormatException (an IllegalArgumentException) above 2147483647
    }
}
