package com.polaris.kat.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One idempotency key per rendered form, so a form sent twice (a double click, a browser's resend after a timeout) is
 * one command: every form that sends a command carries {@code <input type="hidden" name="idempotencyKey"
 * th:value="${@formKeys.next()}">}, and {@link ApiRelay#command} sends it as the request's {@code Idempotency-Key}
 * ({@code console-<uuid>}); the enrollment service answers the second as the first and records nothing more (Stripe's
 * semantics, README). A fresh reviewer's finding (2026-12-02): a payout form sent twice recorded two failed attempts.
 */
@Component("formKeys")
public class FormKeys {

    /** The form field carrying the key. */
    public static final String FIELD = "idempotencyKey";
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A new key for a form being rendered (a random UUID). */
    public String next() {
        return UUID.randomUUID().toString();
    }

    /**
     * The {@code Idempotency-Key} for the command the current request sends: {@code console-} and the form's key, when the
     * form carried one that a console page rendered (a UUID; anything else is not sent on, so a hand-made form cannot
     * reach the service's key rules).
     */
    static Optional<String> ofCurrentRequest() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return Optional.empty();
        }
        HttpServletRequest request = attributes.getRequest();
        String[] values = request.getParameterValues(FIELD);
        if (values == null || values.length != 1 || !KEY.matcher(values[0]).matches()) {
            return Optional.empty();
        }
        return Optional.of("console-" + values[0]);
    }
}
