package com.polaris.kat.security.strict;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an RFC 9457 problem ({@code application/problem+json}: type {@code urn:kat:problem:<slug>},
 * title, status, detail, instance, and any extra members) straight to a servlet response, for
 * refusals decided before Spring MVC runs (filters, the security firewall, Tomcat's error valve).
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /**
     * Text as a problem's detail can show it: each control character (U+0000–U+001F, U+007F) as {@code U+XXXX}, since a
     * NUL or a line break in a detail shows as nothing, or breaks the line a client logs.
     */
    public static String printable(String text) {
        return escaped(text, c -> c < 0x20 || c == 0x7F);
    }

    /**
     * {@link #printable}, and each character above U+007E written as its code too: for a header's value, whose bytes above
     * 0x7F reach the service one character each (ISO-8859-1), so they show as what was sent, not as mojibake.
     */
    public static String printableAscii(String text) {
        return escaped(text, c -> c < 0x20 || c > 0x7E);
    }

    private static String escaped(String text, java.util.function.IntPredicate escape) {
        StringBuilder b = new StringBuilder();
        text.chars().forEach(c -> b.append(escape.test(c) ? String.format("U+%04X", c) : Character.toString(c)));
        return b.toString();
    }

    /**
     * {@code text} with each bidirectional embedding, override and isolate control (U+202A–U+202E, U+2066–U+2069) written as
     * its code ("U+202E"): a problem that repeats a refused value (an enum, an unknown field) must not reorder its own words in
     * the client that shows it (a fresh reviewer). Null stays null.
     */
    public static String withoutBidiControls(String text) {
        return BidiControls.replaced(text, c -> String.format("U+%04X", c));
    }

    /**
     * The headers Spring Security's header writer gives every answer it sees (no MIME sniffing, no framing, not cached, the
     * legacy XSS filter off), set where they are missing, for answers written where it does not run: filters before it,
     * the web server's own error answers and the error page it forwards to (a fresh reviewer's 408 had none of them).
     */
    public static void secure(HttpServletResponse response) {
        header(response, "X-Content-Type-Options", "nosniff");
        header(response, "X-Frame-Options", "DENY");
        header(response, "X-XSS-Protection", "0");
        header(response, "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        header(response, "Pragma", "no-cache");
        header(response, "Expires", "0");
    }

    private static void header(HttpServletResponse response, String name, String value) {
        if (!response.containsHeader(name)) {
            response.setHeader(name, value);
        }
    }

    /**
     * @param instance the request's path (as received), or null
     * @param extra    further members (e.g. {@code parameter}), may be empty
     */
    public static void write(HttpServletResponse response, int status, String slug, String title, String detail, String instance,
                             Map<String, Object> extra) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:kat:problem:" + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", withoutBidiControls(detail));
        if (instance != null) {
            body.put("instance", instance);
        }
        extra.forEach((k, v) -> body.put(k, v instanceof String text ? withoutBidiControls(text) : v));
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.resetBuffer();
        secure(response);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
